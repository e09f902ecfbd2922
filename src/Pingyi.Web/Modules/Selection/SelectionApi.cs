using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Selection;

public static class SelectionApi
{
    public static IEndpointRouteBuilder MapSelectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/selection").WithTags("Selection").WithRefusals().RequireAuthorization(Policies.Selectors);
        api.MapGet("/batches", async (SelectionQueries q, int? year, CancellationToken ct) => TypedResults.Ok(await q.BatchesAsync(year, ct)))
            .WithSummary("Selection batches in scope (optionally of a year) with their posts and nominations counted");
        api.MapPost("/batches", async Task<Created<BatchDetails>> (CreateSelectionBatchHandler h, SelectionQueries q, CreateSelectionBatch r, CancellationToken ct) =>
        {
            var batch = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/selection/batches/{batch.Id}", await q.DetailsAsync(batch.Id, ct));
        }).WithSummary("Draft a batch (一, 职位空缺预告): title, year, organizationId, nominationFrom, nominationUntil, posts (title, organizationId, rank, places, minAge, maxAge, minYearsInPost, education, field)");
        api.MapGet("/batches/{id:long}", async (SelectionQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.DetailsAsync(id, ct)))
            .WithSummary("A batch with its posts, nominations (channel, evidence, state) and rounds (plan, results, outcomes)");
        api.MapPost("/batches/{id:long}/publish", async (PublishSelectionBatchHandler h, SelectionQueries q, long id, CancellationToken ct) =>
        {
            await h.HandleAsync(id, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("Publish the notice: on the public page /Public/Selection, the Word notice available");
        api.MapGet("/batches/{id:long}/notice.docx", async (VacancyNotice notice, long id, CancellationToken ct) => (await notice.HandleAsync(id, ct)).ToResult())
            .WithSummary("The vacancy notice as a Word document in the official format (GB/T 9704)");
        api.MapPost("/nominations", async (NominateHandler h, SelectionQueries q, SelectionAccess access, Nominate r, CancellationToken ct) =>
        {
            var nomination = await h.HandleAsync(r, ct);
            var (post, _, _) = await access.PostAsync(nomination.PostId, ct);
            return TypedResults.Ok((await q.DetailsAsync(post.BatchId, ct)).Nominations.Single(n => n.Id == nomination.Id));
        }).WithSummary("七: nominate for a post — postId, personId, channel (Organization, LeadingCadre with nominatorPersonId, PublicJoint with coSigners [name, idNumber], Self, "
            + "LeadersMeeting, CommitteePlenary, OrganizationDepartment), evidence; checked against the post's requirements and the nominee's record");
        api.MapPost("/posts/{postId:long}/recommendation", async (StartMeetingRecommendationHandler h, SelectionQueries q, SelectionAccess access, long postId, StartMeetingRecommendation r,
            CancellationToken ct) =>
        {
            var recommendation = await h.HandleAsync(postId, r, ct);
            var (post, _, _) = await access.PostAsync(postId, ct);
            return TypedResults.Ok((await q.DetailsAsync(post.BatchId, ct)).Recommendations.Single(x => x.Id == recommendation.Id));
        }).WithSummary("领导干部会议推荐 on phones: personIds (each eligible, not yet nominated), heldOn (in the window), voters; codes are issued from the meeting; its publication "
            + "nominates by the channel LeadersMeeting everyone recommended by more than half of the voters present");
        api.MapPost("/posts/{postId:long}/rounds", async (PlanRoundHandler h, long postId, PlanRound r, CancellationToken ct) =>
        {
            var round = await h.HandleAsync(postId, r, ct);
            return TypedResults.Ok(new PlannedRound(round.Id, round.Number, round.Runoff, round.Stage, round.Advancing, round.MeetingId, round.Entries.Count));
        }).WithSummary("三: plan the next round after the window — method (Ballot, Scored, Phones: an evaluation meeting with codes, closed by its publication; then heldOn and voters), advancing (fewer than the candidates, no fewer than the places), tieRule (Runoff, PreviousRound)");
        api.MapPost("/rounds/{roundId:long}/close", async (CloseRoundHandler h, long roundId, CloseRound r, CancellationToken ct) => TypedResults.Ok(await h.HandleAsync(roundId, r, ct)))
            .WithSummary("Close a round: voters (eligible, recorded) and results (nominationId, score: votes or points) for every candidate; answers who advanced, was eliminated or goes to a runoff");
        api.MapGet("/batches/{id:long}/record.docx", async (SelectionRecord record, long id, CancellationToken ct) => (await record.BatchAsync(id, ct)).ToResult())
            .WithSummary("批次纪实: every step of the batch from the audit trail with date and actor, as an official Word document");
        api.MapGet("/nominations/{id:long}/record.docx", async (SelectionRecord record, long id, CancellationToken ct) => (await record.PersonAsync(id, ct)).ToResult())
            .WithSummary("个人纪实: the steps that concern one candidate, as an official Word document");
        api.MapPost("/nominations/{id:long}/appoint", async (AppointHandler h, long id, CancellationToken ct) =>
        {
            await h.HandleAsync(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("The appointment decision: after the plenary's round, within the places, with the integrity review passed and signed by both secretaries");

        var integrity = app.MapGroup("/api/v1/selection/integrity").WithTags("Selection").WithRefusals().RequireAuthorization(Policies.IntegrityReviewers);
        integrity.MapGet("/", async (SelectionQueries q, CancellationToken ct) => TypedResults.Ok(await q.IntegrityQueueAsync(ct)))
            .WithSummary("任前廉政审查: the finalists in scope with their review and signatures (the discipline body, the party secretary)");
        integrity.MapPost("/{nominationId:long}", async (IntegrityReviewHandler h, long nominationId, ReviewIntegrity r, CancellationToken ct) =>
                TypedResults.Ok(await h.ReviewAsync(nominationId, r, ct)))
            .WithSummary("The discipline body's conclusive assessment: passed, conclusion");
        integrity.MapPost("/{nominationId:long}/sign", async (IntegrityReviewHandler h, long nominationId, CancellationToken ct) => TypedResults.Ok(await h.SignAsync(nominationId, ct)))
            .WithSummary("Sign the review: the party secretary (secretary role) or the discipline secretary (discipline role) of the selecting organization, each with their own account");

        var reverse = app.MapGroup("/api/v1/selection/reverse-evaluations").WithTags("Selection").WithRefusals().RequireAuthorization(Policies.CadreSupervisors);
        reverse.MapGet("/", async (ReverseEvaluationQueries q, long personId, CancellationToken ct) => TypedResults.Ok(await q.OfPersonAsync(personId, ct)))
            .WithSummary("反向测评 of a cadre: each evaluation's meeting and, once published, per source (six) and dimension (德能勤绩廉) the mean points — none for a source with fewer than three answers");
        reverse.MapPost("/", async Task<Created<ReverseEvaluationMeeting>> (StartReverseEvaluationHandler h, StartReverseEvaluation r, CancellationToken ct) =>
        {
            var evaluation = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/selection/reverse-evaluations?personId={evaluation.PersonId}", evaluation);
        }).WithSummary("Start a reverse evaluation: personId, heldOn, respondents per source (units, leaders, colleagues, cadres, served, discipline); codes are then issued from the meeting")
            .RequireAuthorization(Policies.Selectors);

        api.MapGet("/surveys", async (SatisfactionQueries q, CancellationToken ct) => TypedResults.Ok(await q.ListAsync(ct)))
            .WithSummary("Satisfaction with appointments, per organization and year: once published the counts of 满意, 基本满意, 不满意, 不了解, the satisfaction rate (满意 over the judging answers — 不了解 apart), the basic-satisfaction rate and the change in points on the year before");
        api.MapPost("/surveys", async Task<Created<SatisfactionSurvey>> (StartSatisfactionSurveyHandler h, StartSatisfactionSurvey r, CancellationToken ct) =>
        {
            var survey = await h.HandleAsync(r, ct);
            return TypedResults.Created("/api/v1/selection/surveys", survey);
        }).WithSummary("Start the year's survey: organizationId, year, heldOn, respondents; codes are then issued from the meeting, answered on phones");
        return app;
    }
}

/// <summary>A round as planned.</summary>
public sealed record PlannedRound(long Id, int Number, bool Runoff, RoundStage Stage, int Advancing, long? MeetingId, int Candidates);
