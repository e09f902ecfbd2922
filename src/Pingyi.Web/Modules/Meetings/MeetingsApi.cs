using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Meetings;

public sealed record BallotReceipt(string Receipt, string Message);

public static class MeetingsApi
{
    public const string RaterCodeHeader = "X-Rater-Code";

    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var schemes = app.MapGroup("/api/v1/schemes").WithTags("Meetings").WithRefusals().RequireAuthorization();
        schemes.MapGet("/", (MeetingQueries q, CancellationToken ct) => q.SchemesAsync(ct)).WithSummary("Schemes (评议方案) in the caller's scope");
        schemes.MapPost("/", CreateScheme).WithSummary("Create a scheme: rater groups with weights, ballot form, trimming, grade rules, quotas")
            .RequireAuthorization(Accounts.Policies.Editors);
        schemes.MapPut("/{id:long}", async (UpdateSchemeHandler handler, long id, UpdateScheme request, CancellationToken ct) =>
        {
            var scheme = await handler.HandleAsync(id, request, ct);
            return TypedResults.Ok(new SchemeSaved(scheme.Id, scheme.Name));
        }).WithSummary("Change a scheme's name and rules; refused once a published meeting used it (copy it instead)").RequireAuthorization(Accounts.Policies.Editors);

        var api = app.MapGroup("/api/v1/meetings").WithTags("Meetings").WithRefusals().RequireAuthorization();
        api.MapGet("/", List).WithSummary("Paged list of meetings in the caller's scope");
        api.MapGet("/{id:long}", (MeetingQueries q, long id, CancellationToken ct) => q.ConsoleAsync(id, ct))
            .WithSummary("A meeting with its reporters' scoring states, ballots cast per group and attendance — never a running score");
        api.MapGet("/{id:long}/results", (MeetingResults r, long id, CancellationToken ct) => r.GetAsync(id, ct))
            .WithSummary("Results once scoring is closed: each reporter's exact composite, grade, position, flags and group-by-group explanation");
        api.MapGet("/{id:long}/cycle", (MeetingResults r, long id, CancellationToken ct) => r.CycleAsync(id, ct))
            .WithSummary("Two-way (双向) result of the cycle: this upward meeting combined with each reporter's downward meeting, weighted, with positions and grades");
        api.MapGet("/{id:long}/ballots", Ballots)
            .WithSummary("The anonymized ballots with the rules and published results, everything a recount needs: JSON, or CSV by the Accept header (one table: a 会议 row with the rules, 述职人 rows, 投票 rows)");
        api.MapGet("/{id:long}/results.xlsx", ResultsWorkbook).WithSummary("Results as an Excel workbook");
        api.MapGet("/{id:long}/ballots.xlsx", BallotsWorkbook).WithSummary("The anonymized ballots as an Excel workbook");
        api.MapGet("/{id:long}/report.docx", async (MeetingPapers papers, long id, CancellationToken ct) => (await papers.ReportAsync(id, ct)).ToResult())
            .WithSummary("The Word report of the meeting (GB/T 9704): attendance, per-group and composite scores, grades, positions, opinions by category; a draft without a number before publication");
        api.MapGet("/{id:long}/reporters/{reporterId:long}/notice.docx", async (MeetingPapers papers, long id, long reporterId, CancellationToken ct) => (await papers.NoticeAsync(id, reporterId, ct)).ToResult())
            .WithSummary("The rectification notice (整改通知书) of a reporter graded 较差 or positioned last, with the opinions about them; 404 for other reporters");
        api.MapGet("/{id:long}/reporters/{reporterId:long}/feedback.docx", async (MeetingPapers papers, long id, long reporterId, CancellationToken ct) => (await papers.FeedbackAsync(id, reporterId, ct)).ToResult())
            .WithSummary("The opinion feedback sheet (意见反馈单) of a reporter without consequences but with opinions; 404 otherwise");
        api.MapGet("/{id:long}/reporters/{reporterId:long}/slides", Slides).WithSummary("A reporter's slides, to those who can see the meeting");
        api.MapGet("/{id:long}/talks", (MeetingQueries q, long id, CancellationToken ct) => q.TalksAsync(id, ct)).WithSummary("Talks (约谈) created when the results were published");
        app.MapGet("/api/v1/meetings/{id:long}/receipts", Receipts).WithTags("Meetings").AllowAnonymous().WithMetadata(new CrowdTrafficAttribute())
            .WithSummary("Every receipt of the counted ballots, so each rater can check theirs is counted");

        var chair = api.MapGroup("/").RequireAuthorization(Accounts.Policies.Editors);
        chair.MapPost("/", CreateMeeting).WithSummary("Create a meeting: cycle, host, direction, scheme, reporters in agenda order, raters expected per group");
        chair.MapPost("/{id:long}/codes", Codes).WithSummary("Generate one-time rater codes for a group; the plaintext codes are returned only this once");
        chair.MapPost("/{id:long}/codes/void", async (VoidCodeHandler handler, long id, VoidCode request, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, request, ct);
            return TypedResults.NoContent();
        }).WithSummary("Void an unused code (a lost slip); a code that has scored cannot be voided");
        chair.MapPost("/{id:long}/open", Open).WithSummary("Open scoring for one reporter (reporterId) or all pending reporters");
        chair.MapPost("/{id:long}/close", Close).WithSummary("Close scoring for one reporter (reporterId) or all open reporters");
        chair.MapPost("/{id:long}/publish", Publish).WithSummary("Publish the results; creates talks, and ledger items from the opinions");
        chair.MapPost("/{id:long}/reporters/{reporterId:long}/veto", Veto).WithSummary("Set (or clear with an empty reason) a veto item that forces 较差");
        chair.MapPost("/{id:long}/reporters/{reporterId:long}/report", UpdateReport)
            .WithSummary("Upload a reporter's slides (PDF or PowerPoint, ≤ 50 MB) and/or replace the report text (multipart form: slides, reportText)");
        chair.MapPost("/{id:long}/rehearsal", StartRehearsal).WithSummary("Start a rehearsal (试运行) with test codes before real scoring");
        chair.MapPost("/{id:long}/rehearsal/purge", PurgeRehearsal).WithSummary("End the rehearsal: delete its ballots, opinions and test codes");

        var talks = app.MapGroup("/api/v1/talks").WithTags("Meetings").WithRefusals().RequireAuthorization(Accounts.Policies.Editors);
        talks.MapPost("/{id:long}/schedule", async (ScheduleTalkHandler handler, long id, ScheduleTalk request, CancellationToken ct) =>
            TypedResults.Ok(Summary(await handler.HandleAsync(id, request, ct)))).WithSummary("Schedule a talk (约谈)");
        talks.MapPost("/{id:long}/complete", async (CompleteTalkHandler handler, long id, CompleteTalk request, CancellationToken ct) =>
            TypedResults.Ok(Summary(await handler.HandleAsync(id, request, ct)))).WithSummary("Record that a talk took place, with its notes");

        var ballots = app.MapGroup("/api/v1").WithTags("Ballots").WithRefusals().AllowAnonymous().WithMetadata(new CrowdTrafficAttribute());
        ballots.MapPost("/ballots", Cast)
            .WithSummary("Cast a ballot with the rater code in the X-Rater-Code header: 201 with a receipt, 401 unknown code, 409 already cast, 422 incomplete or not open");
        ballots.MapGet("/ballot-sheet", Sheet).WithSummary("The ballot sheet of the code in X-Rater-Code: reporters with done / pending marks and the form");
        return app;
    }

    private static async Task<Created<SchemeSummary>> CreateScheme(CreateSchemeHandler handler, CreateScheme request, CancellationToken ct)
    {
        var s = await handler.HandleAsync(request, ct);
        return TypedResults.Created($"/api/v1/schemes/{s.Id}", new SchemeSummary(s.Id, s.Name, string.Empty, s.CreatedAt, RulesJson.Read(s.Rules)));
    }

    private static async Task<Ok<Paged<MeetingSummary>>> List(MeetingQueries q, string? search, MeetingStage? stage, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await q.ListAsync(search, stage, page, pageSize, ct));

    private static async Task<Created<MeetingConsole>> CreateMeeting(CreateMeetingHandler handler, MeetingQueries q, CreateMeeting request, CancellationToken ct)
    {
        var m = await handler.HandleAsync(request, ct);
        return TypedResults.Created($"/api/v1/meetings/{m.Id}", await q.ConsoleAsync(m.Id, ct));
    }

    private static async Task<Ok<IReadOnlyList<GeneratedCode>>> Codes(GenerateCodesHandler handler, long id, GenerateCodes request, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(id, request, ct));

    private static async Task<Ok<MeetingConsole>> Open(ChangeScoringHandler handler, MeetingQueries q, long id, ScoringTarget? request, CancellationToken ct)
    {
        await handler.OpenAsync(id, request?.ReporterId, ct);
        return TypedResults.Ok(await q.ConsoleAsync(id, ct));
    }

    private static async Task<Ok<MeetingConsole>> Close(ChangeScoringHandler handler, MeetingQueries q, long id, ScoringTarget? request, CancellationToken ct)
    {
        await handler.CloseAsync(id, request?.ReporterId, ct);
        return TypedResults.Ok(await q.ConsoleAsync(id, ct));
    }

    private static async Task<Ok<MeetingOutcome>> Publish(PublishResultsHandler handler, long id, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(id, ct));

    private static async Task<NoContent> Veto(SetVetoHandler handler, long id, long reporterId, SetVeto request, CancellationToken ct)
    {
        await handler.HandleAsync(id, reporterId, request, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UpdateReport(UpdateReportHandler handler, long id, long reporterId, IFormFile? slides, [FromForm] string? reportText, CancellationToken ct)
    {
        await handler.HandleAsync(id, reporterId, slides, reportText, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Slides(MeetingQueries q, long id, long reporterId, CancellationToken ct)
    {
        var (content, name) = await q.SlidesAsync(id, reporterId, ct);
        return Results.File(content, FileStore.ContentTypeOf(name), name);
    }

    private static async Task<NoContent> StartRehearsal(StartRehearsalHandler handler, long id, CancellationToken ct)
    {
        await handler.HandleAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<object>> PurgeRehearsal(PurgeRehearsalHandler handler, long id, CancellationToken ct)
    {
        var ballots = await handler.HandleAsync(id, ct);
        return TypedResults.Ok<object>(new { deletedBallots = ballots });
    }

    private static async Task<IResult> Ballots(MeetingQueries q, HttpContext http, long id, CancellationToken ct)
    {
        var export = await q.BallotsAsync(id, ct);
        var accept = http.Request.Headers.Accept.ToString();
        if (accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.File(BallotTable.Write(export, TableFormat.Csv), "text/csv; charset=utf-8", $"meeting-{id}-ballots.csv");
        }
        return Results.Json(export, RulesJson.Options);
    }

    private static async Task<IResult> BallotsWorkbook(MeetingQueries q, long id, CancellationToken ct)
    {
        var export = await q.BallotsAsync(id, ct);
        return Results.File(BallotTable.Write(export, TableFormat.Xlsx), Exports.ContentType(TableFormat.Xlsx), $"{export.Title}-投票明细.xlsx");
    }

    private static async Task<IResult> ResultsWorkbook(MeetingResults results, long id, CancellationToken ct)
    {
        var outcome = await results.GetAsync(id, ct);
        return Results.File(MeetingDocuments.ResultsWorkbook(outcome), Exports.ContentType(TableFormat.Xlsx), $"{outcome.Title}-结果.xlsx");
    }

    private static TalkSummary Summary(Talk t) => new(t.Id, t.ReporterId, t.PersonName, t.Reason, t.State, t.ScheduledAt, t.CompletedAt, t.Notes);

    private static async Task<Results<Ok<IReadOnlyList<string>>, NotFound>> Receipts(MeetingQueries q, long id, CancellationToken ct) =>
        await q.ReceiptsAsync(id, ct) is { } receipts ? TypedResults.Ok(receipts) : TypedResults.NotFound();

    private static async Task<IResult> Cast(BallotIntake intake, RaterCodeGuard guard, HttpContext http, BallotSubmission submission, CancellationToken ct)
    {
        if (guard.Blocked(http))
        {
            return TooManyWrongCodes();
        }
        var result = await intake.SubmitAsync(http.Request.Headers[RaterCodeHeader], submission, ct);
        if (result.Outcome == IntakeOutcome.UnknownCode)
        {
            guard.Failed(http);
        }
        return result.Outcome switch
        {
            IntakeOutcome.Accepted or IntakeOutcome.Replayed => TypedResults.Created($"/api/v1/meetings/{submission.MeetingId}/receipts",
                new BallotReceipt(result.Receipt!, result.Message!)),
            IntakeOutcome.UnknownCode => Problem(StatusCodes.Status401Unauthorized, "评议码无效", result.Message),
            IntakeOutcome.AlreadyCast => Problem(StatusCodes.Status409Conflict, "已经投过票", result.Message),
            _ => Problem(StatusCodes.Status422UnprocessableEntity, "不能提交", result.Message),
        };
    }

    private static async Task<IResult> Sheet(RaterCodeCache codes, MeetingQueries q, RaterCodeGuard guard, HttpContext http, CancellationToken ct)
    {
        if (guard.Blocked(http))
        {
            return TooManyWrongCodes();
        }
        if (await codes.FindCodeAsync(http.Request.Headers[RaterCodeHeader], ct) is not { } code)
        {
            guard.Failed(http);
            return Problem(StatusCodes.Status401Unauthorized, "评议码无效", RaterCodeCache.UnknownCode);
        }
        return Results.Json(await q.SheetAsync(code, await codes.FormAsync(code.MeetingId, ct), ct), RulesJson.Options);
    }

    private static IResult TooManyWrongCodes() =>
        Problem(StatusCodes.Status429TooManyRequests, "错误次数过多", "输入错误的评议码次数过多，请一分钟后再试；如有疑问请联系会务人员。");

    private static IResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}

/// <summary>A scheme as saved.</summary>
public sealed record SchemeSaved(long Id, string Name);
