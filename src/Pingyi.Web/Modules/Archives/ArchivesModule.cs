using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Archives;

/// <summary>
/// Performance archives (实绩档案): quarterly 一考双评 of village secretaries and 季度讲评 of township teams as meetings of the
/// engine, the year made of the quarters by the host's rule (Core <c>Archives</c>), rankings, the 点将台, a cadre's archive.
/// </summary>
public sealed class ArchivesModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ArchiveAccess>();
        builder.Services.AddScoped<ArchiveQueries>();
        builder.Services.AddScoped<StartQuarterHandler>();
        builder.Services.AddScoped<SaveArchivePlanHandler>();
        builder.Services.AddScoped<CadreRecord>();
        builder.Services.AddScoped<Meetings.IMeetingPublication, QuarterPublication>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapArchivesApi();
}
