using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Core.Commitments;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>The evaluation meeting made by 三评 and how many commitments it evaluates.</summary>
public sealed record EvaluationStarted(long MeetingId, int Commitments);

public static class CommitmentsApi
{
    public static IEndpointRouteBuilder MapCommitmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/commitments").WithTags("Commitments").WithRefusals().RequireAuthorization();
        api.MapGet("/", List).WithSummary("Commitments in the caller's scope with their progress, filtered by q, year (a term counts in each of its years), state, owner, subtree (under) and overdue");
        api.MapGet("/{id:long}", Get).WithSummary("One commitment with its items, progress and overdue items");
        api.MapGet("/{id:long}/events", (CommitmentQueries q, CommitmentAccess a, long id, CancellationToken ct) => EventsAsync(q, a, id, ct))
            .WithSummary("The history of a commitment: each step and each progress report");
        api.MapGet("/{id:long}/letter.docx", async (CommitmentLetter letter, long id, CancellationToken ct) => (await letter.ForAsync(id, ct)).ToResult())
            .WithSummary("The commitment letter (公开承诺书) in the official format, numbered when it was published; a draft without a number before");
        api.MapPost("/", async Task<Created<CommitmentView>> (SaveCommitmentHandler h, SaveCommitment r, CancellationToken ct) =>
        {
            var created = await h.CreateAsync(r, ct);
            return TypedResults.Created($"/api/v1/commitments/{created.Id}", created);
        }).WithSummary("Write a commitment as a draft: organizationId, personId for a member's, year, termEndYear for a term commitment, title, items (target, category, deadline, weight)")
            .RequireAuthorization(Policies.CommitmentMakers);
        api.MapPut("/{id:long}", (SaveCommitmentHandler h, long id, SaveCommitment r, CancellationToken ct) => h.UpdateAsync(id, r, ct))
            .WithSummary("Rewrite a draft (also one sent back for changes)").RequireAuthorization(Policies.CommitmentMakers);
        Step(api, "submit", CommitmentAction.Submit, "报诺: submit the draft to the superior organization (起草中 → 待定诺)");
        Step(api, "approve", CommitmentAction.Approve, "定诺: the superior approves (待定诺 → 已定诺)");
        Step(api, "send-back", CommitmentAction.SendBack, "The superior sends it back with the changes wanted (待定诺 → 起草中); text is required");
        Step(api, "publish", CommitmentAction.Publish, "亮诺: the superior publishes it (已定诺 → 践诺中)");
        Step(api, "close-fulfilled", CommitmentAction.CloseFulfilled, "销诺: the superior verifies it fulfilled (践诺中 → 已兑现)");
        Step(api, "close-unfulfilled", CommitmentAction.CloseUnfulfilled, "销诺: closed as not fulfilled, with the reason (践诺中 → 未兑现); text is required");
        api.MapPost("/evaluations", async Task<Created<EvaluationStarted>> (EvaluateCommitmentsHandler h, EvaluateCommitments r, CancellationToken ct) =>
        {
            var meeting = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/meetings/{meeting.Id}", new EvaluationStarted(meeting.Id, meeting.Reporters.Count));
        }).WithSummary("三评: the year's published commitments in the host's subtree, not yet evaluated, become an evaluation meeting (codes, phones, indicator sheet); its published result gives each commitment its score and stars")
            .RequireAuthorization(Policies.CommitmentReviewers);
        api.MapPost("/look-backs", async Task<Created<EvaluationStarted>> (LookBackHandler h, LookBackOnTerms r, CancellationToken ct) =>
        {
            var started = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/meetings/{started.MeetingId}", started);
        }).WithSummary("任期承诺回头看: a meeting where the secretaries under hostOrganizationId report on the term commitments running in year; the commitment is attached to each reporter")
            .RequireAuthorization(Policies.CommitmentReviewers);
        api.MapPost("/top-ten", async Task<Created<EvaluationStarted>> (VoteTopTenHandler h, VoteTopTen r, CancellationToken ct) =>
        {
            var meeting = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/meetings/{meeting.Id}", new EvaluationStarted(meeting.Id, meeting.Reporters.Count));
        }).WithSummary("十佳: the year's organization or member commitments in the host's subtree with three stars or more are the nominees of a vote (a meeting of the engine); once published, the first ten are the year's 十佳")
            .RequireAuthorization(Policies.CommitmentReviewers);
        api.MapPost("/{id:long}/progress", (ReportCommitmentProgressHandler h, long id, ReportCommitmentProgress r, CancellationToken ct) => h.HandleAsync(id, r, ct))
            .WithSummary("践诺: report an item's progress (0–100) with a note, while the commitment is published");
        api.MapPost("/{id:long}/progress/files", async (ReportCommitmentProgressHandler h, long id, [Microsoft.AspNetCore.Mvc.FromForm] long itemId,
                [Microsoft.AspNetCore.Mvc.FromForm] int? progress, [Microsoft.AspNetCore.Mvc.FromForm] string? note, IFormFileCollection? files, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(id, new ReportCommitmentProgress(itemId, progress, note), [.. files ?? new FormFileCollection()], ct)))
            .WithSummary("践诺 with evidence: multipart form itemId, progress, note and up to ten files (photos, PDF, Office; ≤ 20 MB each)");
        api.MapGet("/{id:long}/evidence", (CommitmentQueries q, long id, CancellationToken ct) => q.EvidenceAsync(id, ct)).WithSummary("The evidence files of a commitment's progress");
        api.MapGet("/{id:long}/evidence/{evidenceId:long}", async (CommitmentQueries q, FileStore files, long id, long evidenceId, CancellationToken ct) =>
        {
            var (content, name) = await q.OpenEvidenceAsync(id, evidenceId, files, ct);
            return Results.File(content, FileStore.ContentTypeOf(name), name);
        }).WithSummary("One evidence file, only within scope");
        return app;
    }

    private static void Step(RouteGroupBuilder api, string path, CommitmentAction action, string summary) =>
        api.MapPost($"/{{id:long}}/{path}", (ActOnCommitmentHandler h, long id, CommitmentChange? c, CancellationToken ct) => h.HandleAsync(id, action, c?.Text, ct))
            .WithSummary(summary);

    private static async Task<Ok<Paged<CommitmentView>>> List(CommitmentQueries queries, string? q, int? year, CommitmentState? state, CommitmentOwner? owner,
        long? under, bool? overdue, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(new CommitmentFilter(q, year, state, owner, under, overdue, page, pageSize), ct));

    private static async Task<Results<Ok<CommitmentView>, NotFound>> Get(CommitmentQueries q, long id, CancellationToken ct) =>
        await q.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Ok<IReadOnlyList<CommitmentEventView>>> EventsAsync(CommitmentQueries q, CommitmentAccess access, long id, CancellationToken ct)
    {
        await access.CommitmentAsync(id, ct);
        return TypedResults.Ok(await q.EventsAsync(id, ct));
    }
}
