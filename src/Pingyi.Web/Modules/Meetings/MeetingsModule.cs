using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>Duty-report evaluation meetings: schemes, rater codes, phone ballots, the live board, results, talks and notices.</summary>
public sealed class MeetingsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<MeetingAccess>();
        builder.Services.AddScoped<CreateSchemeHandler>();
        builder.Services.AddScoped<UpdateSchemeHandler>();
        builder.Services.AddScoped<CreateMeetingHandler>();
        builder.Services.AddScoped<CreateSurveyMeetingHandler>();
        builder.Services.AddScoped<UpdateReportHandler>();
        builder.Services.AddScoped<GenerateCodesHandler>();
        builder.Services.AddScoped<VoidCodeHandler>();
        builder.Services.AddScoped<StartRehearsalHandler>();
        builder.Services.AddScoped<PurgeRehearsalHandler>();
        builder.Services.AddScoped<ChangeScoringHandler>();
        builder.Services.AddScoped<SetVetoHandler>();
        builder.Services.AddScoped<PublishResultsHandler>();
        builder.Services.AddScoped<ScheduleTalkHandler>();
        builder.Services.AddScoped<CompleteTalkHandler>();
        builder.Services.AddScoped<MeetingQueries>();
        builder.Services.AddScoped<MeetingResults>();
        builder.Services.AddScoped<MeetingPapers>();
        builder.Services.AddSingleton<RaterCodeCache>();
        builder.Services.AddSingleton<BallotIntake>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BallotIntake>());
        builder.Services.AddSingleton<BoardWatchers>();
        builder.Services.AddSingleton<MeetingBoard>();
        builder.Services.AddSingleton<RaterCodeGuard>();
        builder.Services.AddSignalR().AddJsonProtocol(o => RulesJson.UseContractEnums(o.PayloadSerializerOptions.Converters));
        builder.Services.ConfigureHttpJsonOptions(o => RulesJson.UseContractEnums(o.SerializerOptions.Converters));
    }

    public override void Map(IEndpointRouteBuilder app)
    {
        app.MapMeetingsApi();
        app.MapHub<MeetingHub>(MeetingHub.Path);
    }

    /// <summary>
    /// The board exists from the start: it hears the intake's commits and pushes them to the boards wherever they watch (with
    /// several nodes, a board on another node through the backplane). Made on first use, it missed the ballots of a node that
    /// no board had connected to (ClusterTests).
    /// </summary>
    public override Task PrepareAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        services.GetRequiredService<MeetingBoard>();
        return Task.CompletedTask;
    }

    public override IEnumerable<CommandVerb> Verbs =>
    [
        new("recount", "recount FILE", c => Task.FromResult(Recount.Run(c.Arguments))),
    ];
}
