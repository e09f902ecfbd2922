using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Supervision;

/// <summary>Supervision visits (their findings become ledger items), daily reports, tasks.</summary>
public sealed class SupervisionModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<SupervisionQueries>();
        builder.Services.AddScoped<PlanVisitsHandler>();
        builder.Services.AddScoped<RecordVisitHandler>();
        builder.Services.AddScoped<SubmitDailyReportHandler>();
        builder.Services.AddScoped<CreateTaskHandler>();
        builder.Services.AddScoped<CompleteTaskHandler>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapSupervisionApi();
}
