using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Ledger;

/// <summary>The rectification ledger: items and their lifecycle, evidence, import/export, escalation job, dashboard, year-end reports.</summary>
public sealed class LedgerModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<LedgerAccess>();
        builder.Services.AddScoped<LedgerQueries>();
        builder.Services.AddScoped<CreateLedgerItemHandler>();
        builder.Services.AddScoped<ActOnLedgerItemHandler>();
        builder.Services.AddScoped<ReportProgressHandler>();
        builder.Services.AddScoped<ExtendDeadlineHandler>();
        builder.Services.AddScoped<LedgerImport>();
        builder.Services.AddScoped<LedgerDashboard>();
        builder.Services.AddScoped<YearEndQueries>();
        builder.Services.AddScoped<SaveYearEndReportHandler>();
        builder.Services.Configure<LedgerOptions>(builder.Configuration.GetSection("Ledger"));
        builder.Services.AddIntervalJob<LedgerEscalation>(builder.Configuration);
    }

    public override void Map(IEndpointRouteBuilder app)
    {
        app.MapLedgerApi();
        app.MapYearEndApi();
    }
}
