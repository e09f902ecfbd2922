using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Awards;
using Pingyi.Web.Data;

namespace Pingyi.Web.Modules.Awards;

public sealed record AwardView(long Id, int Year, string Name, AwardSubject Subject, int Quota, EligibilityRules Rules, long OrganizationId, AwardStage Stage,
    DateOnly? PublicityFrom, DateOnly? PublicityUntil, DateTime? ApprovedAt, DateTime? PublishedAt, int Nominations = 0, int Recommended = 0)
{
    /// <summary>"2026年度优秀共产党员".</summary>
    public string Title => $"{Year}年度{Name}";

    public static AwardView Of(Award a, int nominations = 0, int recommended = 0) => new(a.Id, a.Year, a.Name, a.Subject, a.Quota, a.Rules, a.OrganizationId, a.Stage,
        a.PublicityFrom, a.PublicityUntil, a.ApprovedAt, a.PublishedAt, nominations, recommended);
}

public sealed record ObjectionView(long Id, long NominationId, string Text, DateOnly ReceivedOn, string RecordedBy, bool? Upheld, string? Finding, string? ResolvedBy,
    DateTime? ResolvedAt);

public sealed record NominationView(long Id, long AwardId, long OrganizationId, string Organization, long? PersonId, string? PersonName, string Deeds,
    NominationState State, string? Reason, string NominatedBy, DateTime NominatedAt, string? ReviewedBy, DateTime? ReviewedAt, IReadOnlyList<ObjectionView> Objections)
{
    /// <summary>The nominee as the lists show them: the person and their organization, or the organization.</summary>
    public string Nominee => PersonName is { } name ? $"{name}（{Organization}）" : Organization;
}

/// <summary>An award with the nominations the caller sees, and whether the caller runs it (reviews, publicity, approval, publication).</summary>
public sealed record AwardDetails(AwardView Award, string ConferredBy, IReadOnlyList<NominationView> Nominations, bool Runs);

/// <summary>A name on a public list (公示 or 表彰): the person and their organization, or the organization; nothing more.</summary>
public sealed record PublicNominee(string? PersonName, string Organization);

public sealed record PublicAward(long Id, string Title, AwardStage Stage, DateOnly? PublicityFrom, DateOnly? PublicityUntil, DateTime? PublishedAt, IReadOnlyList<PublicNominee> Names);

/// <summary>Reads of the commendations for lists and pages, always through <see cref="AwardAccess"/>.</summary>
public sealed class AwardQueries(PingyiDbContext db, AwardAccess access)
{
    /// <summary>A year's awards the caller sees, with the counts of the nominations they see.</summary>
    public async Task<IReadOnlyList<AwardView>> ListAsync(int year, CancellationToken ct = default)
    {
        var nominations = await access.NominationsAsync(ct);
        return await (await access.AwardsAsync(ct)).Where(a => a.Year == year).OrderBy(a => a.Subject).ThenBy(a => a.Id)
            .Select(a => new AwardView(a.Id, a.Year, a.Name, a.Subject, a.Quota, a.Rules, a.OrganizationId, a.Stage, a.PublicityFrom, a.PublicityUntil, a.ApprovedAt,
                a.PublishedAt, nominations.Count(n => n.AwardId == a.Id), nominations.Count(n => n.AwardId == a.Id && n.State == NominationState.Recommended)))
            .ToListAsync(ct);
    }

    public async Task<AwardDetails> DetailsAsync(long id, CancellationToken ct = default)
    {
        var (award, path) = await access.AwardAsync(id, ct);
        var nominations = await NominationsAsync((await access.NominationsAsync(ct)).Where(n => n.AwardId == id), ct);
        var conferredBy = await db.Organizations.Where(o => o.Id == award.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        return new AwardDetails(AwardView.Of(award, nominations.Count, nominations.Count(n => n.State == NominationState.Recommended)), conferredBy, nominations,
            await access.RunsAsync(path, ct));
    }

    public async Task<NominationView> NominationAsync(long id, CancellationToken ct = default) =>
        (await NominationsAsync((await access.NominationsAsync(ct)).Where(n => n.Id == id), ct)).Single();

    /// <summary>The awards in the publicity period or published, with the names on their lists (no login: name and organization only).</summary>
    public async Task<IReadOnlyList<PublicAward>> PublicAsync(int year, CancellationToken ct = default)
    {
        var awards = await db.Awards.Where(a => a.Year == year && a.Stage != AwardStage.Nominating).OrderBy(a => a.Subject).ThenBy(a => a.Id).ToListAsync(ct);
        var ids = awards.Select(a => a.Id).ToList();
        var names = (await db.AwardNominations.Where(n => ids.Contains(n.AwardId) && n.State == NominationState.Recommended)
                .OrderBy(n => n.Organization!.Path).ThenBy(n => n.Id).Select(n => new { n.AwardId, n.PersonName, Organization = n.Organization!.Name }).ToListAsync(ct))
            .ToLookup(n => n.AwardId);
        return [.. awards.Select(a => new PublicAward(a.Id, $"{a.Year}年度{a.Name}", a.Stage, a.PublicityFrom, a.PublicityUntil, a.PublishedAt,
            [.. names[a.Id].Select(n => new PublicNominee(n.PersonName, n.Organization))]))];
    }

    private async Task<IReadOnlyList<NominationView>> NominationsAsync(IQueryable<AwardNomination> nominations, CancellationToken ct)
    {
        var rows = await nominations.OrderBy(n => n.Organization!.Path).ThenBy(n => n.Id)
            .Select(n => new { n, Organization = n.Organization!.Name }).ToListAsync(ct);
        var ids = rows.Select(r => r.n.Id).ToList();
        var objections = (await db.AwardObjections.Where(o => ids.Contains(o.NominationId)).OrderBy(o => o.Id).ToListAsync(ct)).ToLookup(o => o.NominationId);
        return [.. rows.Select(r => new NominationView(r.n.Id, r.n.AwardId, r.n.OrganizationId, r.Organization, r.n.PersonId, r.n.PersonName, r.n.Deeds, r.n.State,
            r.n.Reason, r.n.NominatedBy, r.n.NominatedAt, r.n.ReviewedBy, r.n.ReviewedAt,
            [.. objections[r.n.Id].Select(o => new ObjectionView(o.Id, o.NominationId, o.Text, o.ReceivedOn, o.RecordedBy, o.Upheld, o.Finding, o.ResolvedBy, o.ResolvedAt))]))];
    }
}
