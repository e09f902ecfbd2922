using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Selection;

/// <summary>
/// Cadre selection (干部选任 "一七三", seed 000): the vacancy notice, nominations by seven channels checked for eligibility, three
/// competitive rounds with more candidates than places; the 点将台 of the archives is where candidates are found.
/// </summary>
public sealed class SelectionModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SelectionOptions>(builder.Configuration.GetSection("Selection"));
        builder.Services.AddScoped<SelectionAccess>();
        builder.Services.AddScoped<SelectionQueries>();
        builder.Services.AddScoped<CreateSelectionBatchHandler>();
        builder.Services.AddScoped<PublishSelectionBatchHandler>();
        builder.Services.AddScoped<NominateHandler>();
        builder.Services.AddScoped<PlanRoundHandler>();
        builder.Services.AddScoped<CloseRoundHandler>();
        builder.Services.AddScoped<Meetings.IMeetingPublication, SelectionRoundPublication>();
        builder.Services.AddScoped<StartMeetingRecommendationHandler>();
        builder.Services.AddScoped<Meetings.IMeetingPublication, MeetingRecommendationPublication>();
        builder.Services.AddScoped<Meetings.IMeetingOrigin, SelectionMeetingOrigin>();
        builder.Services.AddScoped<VacancyNotice>();
        builder.Services.AddScoped<IntegrityReviewHandler>();
        builder.Services.AddScoped<AppointHandler>();
        builder.Services.AddScoped<SelectionRecord>();
        builder.Services.AddScoped<StartReverseEvaluationHandler>();
        builder.Services.AddScoped<ReverseEvaluationQueries>();
        builder.Services.AddScoped<StartSatisfactionSurveyHandler>();
        builder.Services.AddScoped<SatisfactionQueries>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapSelectionApi();
}
