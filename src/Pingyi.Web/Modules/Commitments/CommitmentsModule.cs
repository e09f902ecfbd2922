using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>Public commitments (承诺践诺, 五诺): writing, approval, publication, fulfilment and close-out, with progress rolled up from the items and overdue items notified.</summary>
public sealed class CommitmentsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CommitmentAccess>();
        builder.Services.AddScoped<CommitmentQueries>();
        builder.Services.AddScoped<SaveCommitmentHandler>();
        builder.Services.AddScoped<ActOnCommitmentHandler>();
        builder.Services.AddScoped<ReportCommitmentProgressHandler>();
        builder.Services.AddScoped<EvaluateCommitmentsHandler>();
        builder.Services.AddScoped<VoteTopTenHandler>();
        builder.Services.AddScoped<LookBackHandler>();
        builder.Services.AddScoped<PublicCommitments>();
        builder.Services.AddScoped<CommitmentLetter>();
        builder.Services.Configure<CommitmentOptions>(builder.Configuration.GetSection("Commitments"));
        builder.Services.AddIntervalJob<CommitmentOverdue>(builder.Configuration);
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapCommitmentsApi();
}
