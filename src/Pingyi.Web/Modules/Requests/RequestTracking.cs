using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Petitions;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Petitions;

namespace Pingyi.Web.Modules.Requests;

public sealed record TrackedRequestStep(DateTime At, string Text);

/// <summary>What the resident sees with the tracking code: the request, who holds it, its steps and notes — never the staff's names.</summary>
public sealed record TrackedRequest(string Service, string Description, string Status, string Unit, DateTime RequestedAt, DateTime ExpectedAt, string? StatusNotes,
    IReadOnlyList<TrackedRequestStep> Steps, int Photos, bool CanRate, string? Rating);

public sealed record RateRequest(PetitionRating? Rating);

/// <summary>The residents' ratings of closed requests of a year in scope, with the rates the surveys publish (满意 over those who judged).</summary>
public sealed record RequestRatings(int Year, int Closed, SatisfactionResult Result);

/// <summary>
/// The resident's side of a request, by its tracking code alone (no account): the status and the notes as the holder writes them,
/// and once it is closed a single rating of the handling (满意 / 基本满意 / 不满意), audited as the public's act.
/// </summary>
public sealed class RequestTracking(PingyiDbContext db, PiiProtector pii, RequestServices services, AuditLog audit, TimeProvider clock)
{
    public async Task<ServiceRequest> FindAsync(string? code, CancellationToken ct)
    {
        var hash = TrackingCodes.Hash(pii, "request", TrackingCodes.Clean(code));
        return await db.ServiceRequests.FirstOrDefaultAsync(r => r.TrackingHash == hash, ct) ?? throw RuleViolation.NotFound("查询码不正确，请核对后重新输入");
    }

    public async Task<TrackedRequest> ViewAsync(string? code, CancellationToken ct = default) => await ViewAsync(await FindAsync(code, ct), ct);

    public async Task<TrackedRequest> ViewAsync(ServiceRequest r, CancellationToken ct)
    {
        var steps = await db.ServiceRequestEvents.Where(e => e.RequestId == r.Id).OrderBy(e => e.Id).Select(e => new TrackedRequestStep(e.At, e.Text)).ToListAsync(ct);
        var unit = await db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        var photos = await db.ServiceRequestPhotos.CountAsync(p => p.RequestId == r.Id, ct);
        return new TrackedRequest(services.Find(r.ServiceCode)?.Name ?? r.ServiceCode, r.Description, r.Status == RequestStatus.Closed ? "已办结" : "办理中", unit, r.RequestedAt,
            r.ExpectedAt, r.StatusNotes, steps, photos, r.Status == RequestStatus.Closed && r.Rating is null, r.Rating is { } rating ? PetitionText.Rating(rating) : null);
    }

    public async Task<TrackedRequest> RateAsync(string? code, PetitionRating? rating, CancellationToken ct = default)
    {
        var r = await FindAsync(code, ct);
        if (r.Status != RequestStatus.Closed)
        {
            throw new RuleViolation("诉求办结后才能评价");
        }
        if (r.Rating is not null)
        {
            throw new RuleViolation("您已评价过这件诉求");
        }
        if (rating is not { } value || !Enum.IsDefined(value))
        {
            throw RuleViolation.Invalid("请选择满意、基本满意或不满意", "rating");
        }
        r.Rating = value;
        r.RatedAt = clock.GetUtcNow().UtcDateTime;
        var path = await db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Path).FirstAsync(ct);
        db.ServiceRequestEvents.Add(new ServiceRequestEvent { RequestId = r.Id, Kind = "rate", Text = $"群众评价：{PetitionText.Rating(value)}", OrganizationId = r.OrganizationId, UserName = "public", At = r.RatedAt.Value });
        audit.Record("request.rate", nameof(ServiceRequest), r.Id, path, new { rating = value.ToString() }, "public");
        await db.SaveChangesAsync(ct);
        return await ViewAsync(r, ct);
    }

    /// <summary>The ratings of requests of the subtree at <paramref name="path"/> closed in the China-time year of <paramref name="year"/>.</summary>
    public async Task<RequestRatings> RatingsAsync(string path, int year, CancellationToken ct = default)
    {
        var from = ChinaTime.StartOfDayUtc(new DateOnly(year, 1, 1));
        var to = ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 1, 1));
        var rows = await db.ServiceRequests.Where(r => r.Status == RequestStatus.Closed && r.ClosedAt >= from && r.ClosedAt < to && r.Organization!.Path.StartsWith(path))
            .GroupBy(r => r.Rating).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(PetitionRating? rating) => rows.FirstOrDefault(x => x.Key == rating)?.Count ?? 0;
        return new RequestRatings(year, rows.Sum(x => x.Count),
            SatisfactionRates.Compute(new SatisfactionCounts(Of(PetitionRating.Satisfied), Of(PetitionRating.FairlySatisfied), Of(PetitionRating.Dissatisfied), 0)));
    }
}
