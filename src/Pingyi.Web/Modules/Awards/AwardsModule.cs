using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Awards;

/// <summary>
/// Commendations (评先选优): a year's awards with quotas and eligibility conditions, nominations checked against the nominee's
/// record (evaluations, vetoes, grades, stars), review, publicity with objections, approval and publication with a numbered
/// decision; each award in the organization's or person's record. The rules are Core <c>Awards</c>.
/// </summary>
public sealed class AwardsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AwardAccess>();
        builder.Services.AddScoped<AwardQueries>();
        builder.Services.AddScoped<NomineeRecords>();
        builder.Services.AddScoped<AwardDecision>();
        builder.Services.AddScoped<CreateAwardHandler>();
        builder.Services.AddScoped<ChangeAwardHandler>();
        builder.Services.AddScoped<NominateHandler>();
        builder.Services.AddScoped<ActOnNominationHandler>();
        builder.Services.AddScoped<ObjectionsHandler>();
        builder.Services.AddScoped<RunAwardHandler>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapAwardsApi();
}
