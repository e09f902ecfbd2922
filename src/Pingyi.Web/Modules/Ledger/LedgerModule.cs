using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Ledger;

/// <summary>The rectification ledger: items and their lifecycle, evidence, import/export, escalation job, dashboard, year-end reports.</summary>
public sealed class LedgerModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<LedgerService>();
        builder.Services.AddScoped<LedgerImport>();
        builder.Services.AddScoped<LedgerDashboard>();
        builder.Services.AddScoped<YearEndReports>();
        builder.Services.Configure<LedgerOptions>(builder.Configuration.GetSection("Ledger"));
        builder.Services.AddSingleton<LedgerEscalation>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LedgerEscalation>());
    }

    public override void Map(IEndpointRouteBuilder app)
    {
        app.MapLedgerApi();
        app.MapYearEndApi();
    }
}
