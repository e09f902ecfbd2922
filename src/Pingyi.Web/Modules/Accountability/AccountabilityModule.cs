using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>
/// Accountability for "有错无为、不在状态" and its encouragement side (seed 003): versioned lists of situations and measures,
/// decisions with their effect periods, reminder talks, clarifications and tolerated mistakes; read by selection's eligibility and
/// the cadre profile.
/// </summary>
public sealed class AccountabilityModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccountabilityAccess>();
        builder.Services.AddScoped<AccountabilityQueries>();
        builder.Services.AddScoped<PublishAccountabilityListsHandler>();
        builder.Services.AddScoped<RecordAccountabilityHandler>();
        builder.Services.AddScoped<RecordCadreNoteHandler>();
        builder.Services.AddScoped<AnalysisWork>();
        builder.Services.AddScoped<AuditReports>();
        builder.Services.AddScoped<AnalysisQueries>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapAccountabilityApi();
}
