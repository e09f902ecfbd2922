using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pingyi.Core.Petitions;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Petitions;

public sealed record FiledView(long Id, string Number, string TrackingCode, DateOnly RoutingDue, string TrackingLink);

public sealed record RatePetition(PetitionRating? Rating);

public static class PetitionsApi
{
    /// <summary>The header that carries the petitioner's tracking code (never in a logged URL).</summary>
    public const string TrackingHeader = TrackingCodes.Header;

    public static IEndpointRouteBuilder MapPetitionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/petitions").WithTags("Petitions").WithRefusals().RequireAuthorization(Policies.PetitionStaff);
        api.MapGet("/", async (PetitionQueries q, string? search, PetitionStatus? status, PetitionKind? kind, bool? overdue, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await q.ListAsync(new PetitionFilter(search, status, kind, overdue ?? false, page, pageSize), ct)))
            .WithSummary("Cases in scope, the latest first (an accusation only to the discipline body of the unit holding it, never to the accused unit, §30); petitioner masked");
        api.MapPost("/", async Task<Created<FiledView>> (FilePetitionHandler h, PublicLinks links, FilePetition r, CancellationToken ct) => Filed(links, await h.HandleAsync(r, null, false, ct)))
            .WithSummary("Register a visit, letter, call or online petition received by a unit in scope: organizationId, kind, channel, name, address, phone, request, facts, "
                + "groupSize, representatives (≤ 5, §20), accusedName and accusedOrganizationId (accusations), receivedOn; answers the case number and the tracking code (shown once)");
        api.MapGet("/{id:long}", async (PetitionQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.DetailsAsync(id, ct)))
            .WithSummary("A case with its steps, written answers and files; the petitioner's details masked");
        api.MapGet("/{id:long}/contact", async (PetitionQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.ContactAsync(id, ct)))
            .WithSummary("The petitioner's name, address, phone and representatives in full, for the unit holding the case; audited");
        api.MapPost("/{id:long}/accept", async (RoutePetitionHandler h, PetitionQueries q, long id, CancellationToken ct) =>
        {
            await h.AcceptAsync(id, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("Accept within the unit's remit (§23): the 60-day handling clock starts (§34)");
        api.MapPost("/{id:long}/route", async (RoutePetitionHandler h, PetitionQueries q, long id, RoutePetition r, CancellationToken ct) =>
        {
            await h.RouteAsync(id, r, ct);
            return await VisibleOrGoneAsync(q, id, ct);
        }).WithSummary("Assign (交办) or transfer (转送) to the competent unit: toOrganizationId, how (Assign, Transfer), notes; the receiving unit may object within 5 working days (§23)");
        api.MapPost("/{id:long}/object", async (RoutePetitionHandler h, PetitionQueries q, long id, ObjectToPetition r, CancellationToken ct) =>
        {
            await h.ObjectAsync(id, r, ct);
            return await VisibleOrGoneAsync(q, id, ct);
        }).WithSummary("Object to a misrouted case within 5 working days of receipt, with reasons (§23): it returns to the unit that sent it");
        api.MapPost("/{id:long}/not-accept", async (RoutePetitionHandler h, PetitionQueries q, long id, NotAcceptPetition r, CancellationToken ct) =>
        {
            await h.NotAcceptAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("Not accepted: ground OutOfRemit (reason says where to go, §23), BeingHandled (earlierNumber open below within its limit, §19), FinalAfterRecheck (earlierNumber has a 复核 opinion, §36)");
        api.MapPost("/{id:long}/extend", async (HandlePetitionHandler h, PetitionQueries q, long id, ExtendPetition r, CancellationToken ct) =>
        {
            await h.ExtendAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("Extend the handling period once: days (1–30), approvedBy (the unit head), reason (told to the petitioner) — §34");
        api.MapPost("/{id:long}/hearing", async (HandlePetitionHandler h, PetitionQueries q, long id, RecordHearing r, CancellationToken ct) =>
        {
            await h.HearingAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("A 复核 hearing from–to: its days are not counted in the 30 (§36)");
        api.MapPost("/{id:long}/answer", async (HandlePetitionHandler h, PetitionQueries q, long id, AnswerPetition r, CancellationToken ct) =>
        {
            await h.AnswerAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("The written answer of the current level (处理意见书 §32, 复查 §35, 复核 §36): opinion (Support, Explain, NotSupport), findings, basis; numbered");
        api.MapPost("/{id:long}/settle", async (HandlePetitionHandler h, PetitionQueries q, long id, SettlePetition r, CancellationToken ct) =>
        {
            await h.SettleAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("Close by a mediation or settlement agreement (§33): agreement; counted as resolved");
        api.MapPost("/{id:long}/withdraw", async (HandlePetitionHandler h, PetitionQueries q, long id, WithdrawPetition r, CancellationToken ct) =>
        {
            await h.WithdrawAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("Record the petitioner's withdrawal: reason");
        api.MapPost("/{id:long}/review", async (PetitionTracking t, PetitionQueries q, long id, RequestReview r, CancellationToken ct) =>
        {
            await t.RequestReviewAsync(id, r, ct);
            return await VisibleOrGoneAsync(q, id, ct);
        }).WithSummary("Record a 复查/复核 request made by letter or in person within 30 days of the written answer: reasons; the case goes to the unit above (§35, §36)");
        api.MapGet("/{id:long}/replies/{level:int}", async (PetitionAccess access, HandlingOpinion opinion, long id, int level, CancellationToken ct) =>
        {
            var paper = await opinion.DocumentAsync(await access.ReadAsync(id, ct), level, ct);
            return Results.File(paper.Content, Paper.WordType, paper.FileName);
        }).WithSummary("The written answer of a level (0 处理意见书, 1 复查意见书, 2 复核意见书) as a Word document (GB/T 9704)");
        api.MapGet("/{id:long}/acceptance", async (PetitionAccess access, HandlingOpinion opinion, long id, CancellationToken ct) =>
        {
            var paper = await opinion.AcceptanceAsync(await access.ReadAsync(id, ct), ct);
            return Results.File(paper.Content, Paper.WordType, paper.FileName);
        }).WithSummary("The 受理告知书 issued when the case was accepted, as a Word document (GB/T 9704)");
        api.MapGet("/{id:long}/files/{fileId:long}", async (PetitionAccess access, Data.PingyiDbContext db, FileStore files, long id, long fileId, CancellationToken ct) =>
        {
            var petition = await access.ReadAsync(id, ct);
            var file = db.PetitionFiles.FirstOrDefault(f => f.Id == fileId && f.PetitionId == petition.Id);
            return file is not null && files.Open(file.Path) is { } stream
                ? Results.File(stream, FileStore.ContentTypeOf(file.FileName), file.FileName)
                : throw RuleViolation.NotFound($"材料 {fileId} 不存在");
        }).WithSummary("A file attached at intake");
        api.MapGet("/statistics", async (PetitionQueries q, int? year, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await q.StatisticsAsync(year is { } y && Years.Valid(y) ? y : ChinaTime.Today(clock).Year, ct)))
            .WithSummary("The year's figures in scope: received, accepted, assigned, transferred, resolved, closed unresolved, open, overdue, average days to resolve, ratings; per unit and kind");
        api.MapGet("/accusations", async (PetitionQueries q, CancellationToken ct) => TypedResults.Ok(await q.ReportedAccusationsAsync(ct)))
            .WithSummary("Accusations against cadres of the subtree as reported to the organization department (§30): accused, unit, status — no petitioner, no facts");

        api.MapGet("/receptions", async (Receptions r, CancellationToken ct) =>
            {
                var (slots, bookings) = await r.ListAsync(ct);
                return TypedResults.Ok(new ReceptionsView(slots, bookings));
            })
            .WithSummary("Video reception slots of the scope (the last 60 days and ahead) with their bookings");
        api.MapPost("/receptions", async (Receptions r, PublishSlot s, CancellationToken ct) =>
            {
                var slot = await r.PublishAsync(s, ct);
                return TypedResults.Created($"/api/v1/petitions/receptions/{slot.Id}", (await r.OpenAsync(ct)).FirstOrDefault(x => x.Id == slot.Id));
            })
            .WithSummary("Publish a leader's slot: organizationId, leader, startsAt (ISO with offset), minutes, capacity, link (the conferencing system's)");
        api.MapPost("/{id:long}/bookings", async (Receptions r, PetitionAccess access, long id, BookSlot b, CancellationToken ct) =>
            {
                var (petition, _) = await access.ActAsync(id, ct);
                var booking = await r.BookAsync(petition, b, access.UserName, ct);
                return TypedResults.Created($"/api/v1/petitions/{id}/bookings/{booking.Id}", new BookingCreated(booking.Id, booking.SlotId, booking.Status));
            })
            .WithSummary("Book the case into a slot for a petitioner without a phone: slotId, fromOrganizationId (the township they attend from)");
        api.MapPost("/receptions/bookings/{bookingId:long}/record", async (Receptions r, long bookingId, RecordReception record, CancellationToken ct) =>
            {
                await r.RecordAsync(bookingId, record, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("The reception's record: status (Attended, NoShow), attendees, notes, result");

        var track = app.MapGroup("/api/v1/petitions/track").WithTags("Petitions").WithRefusals().AllowAnonymous();
        track.MapPost("/file", async Task<Created<FiledView>> (FilePetitionHandler h, PublicLinks links, FilePetition r, CancellationToken ct) =>
                Filed(links, await h.HandleAsync(r with { Channel = PetitionChannel.Online }, null, true, ct)))
            .WithSummary("File online without an account (the public page's API): organizationId (a township or county unit), kind, name, address, phone, request, facts; answers the number and tracking code");
        track.MapGet("/", async (PetitionTracking t, [FromHeader(Name = TrackingHeader)] string? code, CancellationToken ct) => TypedResults.Ok(await t.ViewAsync(code, ct)))
            .WithSummary("The petitioner's view by the tracking code in the X-Tracking-Code header: status, unit, limit, public steps, written answers");
        track.MapPost("/rating", async (PetitionTracking t, [FromHeader(Name = TrackingHeader)] string? code, RatePetition r, CancellationToken ct) =>
                TypedResults.Ok(await t.RateAsync(code, r.Rating, ct)))
            .WithSummary("Rate the handling once it is answered or closed: rating (Satisfied, FairlySatisfied, Dissatisfied)");
        track.MapPost("/review", async (PetitionTracking t, [FromHeader(Name = TrackingHeader)] string? code, RequestReview r, CancellationToken ct) =>
                TypedResults.Ok(await t.AskReviewAsync(code, r, ct)))
            .WithSummary("Ask for 复查 (after the handling opinion) or 复核 (after the 复查 opinion) within 30 days: reasons");
        track.MapPost("/withdraw", async (PetitionTracking t, [FromHeader(Name = TrackingHeader)] string? code, CancellationToken ct) => TypedResults.Ok(await t.WithdrawAsync(code, ct)))
            .WithSummary("Withdraw an open case");
        track.MapGet("/receptions", async (Receptions r, CancellationToken ct) => TypedResults.Ok(await r.OpenAsync(ct)))
            .WithSummary("Video reception slots open for booking");
        track.MapPost("/bookings", async (PetitionTracking t, Receptions r, [FromHeader(Name = TrackingHeader)] string? code, BookSlot b, CancellationToken ct) =>
            {
                await r.BookAsync(await t.FindAsync(code, ct), b, "public", ct);
                return TypedResults.Ok(await t.ViewAsync(code, ct));
            })
            .WithSummary("Book a video reception: slotId, fromOrganizationId (the township or unit to attend from)");
        track.MapPost("/bookings/{bookingId:long}/cancel", async (PetitionTracking t, Receptions r, [FromHeader(Name = TrackingHeader)] string? code, long bookingId, CancellationToken ct) =>
            {
                await r.CancelAsync(await t.FindAsync(code, ct), bookingId, "public", ct);
                return TypedResults.Ok(await t.ViewAsync(code, ct));
            })
            .WithSummary("Cancel a booked video reception");
        track.MapGet("/acceptance", async (PetitionTracking t, HandlingOpinion opinion, [FromHeader(Name = TrackingHeader)] string? code, CancellationToken ct) =>
        {
            var paper = await opinion.AcceptanceAsync(await t.FindAsync(code, ct), ct);
            return Results.File(paper.Content, Paper.WordType, paper.FileName);
        }).WithSummary("The petitioner's copy of the 受理告知书 (Word)");
        track.MapGet("/replies/{level:int}", async (PetitionTracking t, HandlingOpinion opinion, [FromHeader(Name = TrackingHeader)] string? code, int level, CancellationToken ct) =>
        {
            var paper = await opinion.DocumentAsync(await t.FindAsync(code, ct), level, ct);
            return Results.File(paper.Content, Paper.WordType, paper.FileName);
        }).WithSummary("The petitioner's copy of a written answer (Word)");
        return app;
    }

    private static Created<FiledView> Filed(PublicLinks links, FiledPetition f) =>
        TypedResults.Created($"/api/v1/petitions/{f.Petition.Id}",
            new FiledView(f.Petition.Id, f.Petition.Number, f.TrackingCode, f.Petition.RoutingDue, links.To("/Public/Petitions/Track") + "#" + f.TrackingCode));

    /// <summary>After a step that moves the case out of the caller's sight (a transfer away, an objection, a review above): 204.</summary>
    private static async Task<IResult> VisibleOrGoneAsync(PetitionQueries q, long id, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }
        catch (RuleViolation e) when (e.StatusCode == StatusCodes.Status404NotFound)
        {
            return TypedResults.NoContent();
        }
    }
}

/// <summary>The video reception slots of the scope with their bookings.</summary>
public sealed record ReceptionsView(IReadOnlyList<SlotView> Slots, IReadOnlyList<BookingView> Bookings);

/// <summary>A booking just made.</summary>
public sealed record BookingCreated(long Id, long SlotId, BookingStatus Status);
