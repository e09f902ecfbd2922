using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Accountability;

public sealed record AccountabilityView(long Id, long PersonId, string Name, string Organization, int ListVersion, int SituationNumber, string Situation, string Measure,
    string Document, string Facts, DateOnly DecidedOn, DateOnly? EffectUntil, bool InEffect, string UserName);

public sealed record CadreNoteView(long Id, long PersonId, string Name, string Organization, CadreNoteKind Kind, DateOnly On, string Reasons, long? ProjectAccountabilityId, string UserName);

/// <summary>The year's figures: decisions, those in effect now, and the encouragement side (seed 003: 66 reminder talks, 4 clarifications).</summary>
public sealed record AccountabilitySummary(int Year, int Decisions, int InEffect, int ReminderTalks, int Clarifications, int Tolerated);

public sealed record AccountabilityFilter(string? Q = null, bool InEffectOnly = false, int? Page = null, int? PageSize = null);

/// <summary>Accountability records and notes of the caller's subtree, one cadre's, the year's figures, and what eligibility reads.</summary>
public sealed class AccountabilityQueries(PingyiDbContext db, AccountabilityAccess access, TimeProvider clock)
{
    public async Task<Paged<AccountabilityView>> RecordsAsync(AccountabilityFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize);
        var today = ChinaTime.Today(clock);
        var records = await access.RecordsAsync(ct);
        if (filter.InEffectOnly)
        {
            records = records.Where(r => r.EffectUntil >= today);
        }
        if (filter.Q?.Trim() is { Length: > 0 } q)
        {
            records = records.Where(r => r.Person!.Name.Contains(q) || r.Organization!.Name.Contains(q) || r.Document.Contains(q));
        }
        var total = await records.CountAsync(ct);
        var items = await Views(records.OrderByDescending(r => r.DecidedOn).ThenByDescending(r => r.Id).Skip((page - 1) * size).Take(size), today).ToListAsync(ct);
        return new Paged<AccountabilityView>(items, page, size, total);
    }

    public async Task<Paged<CadreNoteView>> NotesAsync(CadreNoteKind? kind, string? q, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var notes = await access.NotesAsync(ct);
        if (kind is { } k)
        {
            notes = notes.Where(n => n.Kind == k);
        }
        if (q?.Trim() is { Length: > 0 } text)
        {
            notes = notes.Where(n => n.Person!.Name.Contains(text) || n.Organization!.Name.Contains(text));
        }
        var total = await notes.CountAsync(ct);
        var items = await Views(notes.OrderByDescending(n => n.On).ThenByDescending(n => n.Id).Skip((p - 1) * size).Take(size)).ToListAsync(ct);
        return new Paged<CadreNoteView>(items, p, size, total);
    }

    /// <summary>One cadre's records and notes the caller can see, the latest first (the profile).</summary>
    public async Task<(IReadOnlyList<AccountabilityView> Records, IReadOnlyList<CadreNoteView> Notes)> OfPersonAsync(long personId, CancellationToken ct = default)
    {
        var records = await Views((await access.RecordsAsync(ct)).Where(r => r.PersonId == personId).OrderByDescending(r => r.DecidedOn), ChinaTime.Today(clock)).ToListAsync(ct);
        var notes = await Views((await access.NotesAsync(ct)).Where(n => n.PersonId == personId).OrderByDescending(n => n.On)).ToListAsync(ct);
        return (records, notes);
    }

    public async Task<AccountabilitySummary> SummaryAsync(int year, CancellationToken ct = default)
    {
        Years.Check(year);
        var today = ChinaTime.Today(clock);
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var records = await access.RecordsAsync(ct);
        var notes = (await access.NotesAsync(ct)).Where(n => n.On >= from && n.On <= to);
        var kinds = await notes.GroupBy(n => n.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new AccountabilitySummary(year, await records.CountAsync(r => r.DecidedOn >= from && r.DecidedOn <= to, ct), await records.CountAsync(r => r.EffectUntil >= today, ct),
            kinds.GetValueOrDefault(CadreNoteKind.ReminderTalk), kinds.GetValueOrDefault(CadreNoteKind.Clarification), kinds.GetValueOrDefault(CadreNoteKind.ToleratedMistake));
    }

    /// <summary>
    /// The accountability in effect on a person today, as eligibility for selection reads it (whatever the caller's scope): a
    /// decision whose effect period has not ended, or a project accountability (项目问责) raised within
    /// <paramref name="projectMonths"/> months and not covered by a tolerated-mistake decision; null when none.
    /// </summary>
    public async Task<string?> InEffectAsync(long personId, int projectMonths, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var record = await db.AccountabilityRecords.Where(r => r.PersonId == personId && r.EffectUntil >= today).OrderByDescending(r => r.EffectUntil)
            .Select(r => new { r.Measure, r.EffectUntil }).FirstOrDefaultAsync(ct);
        if (record is not null)
        {
            return $"{record.Measure}，影响期至{ChinaTime.ChineseDate(record.EffectUntil!.Value)}";
        }
        var since = clock.GetUtcNow().UtcDateTime.AddMonths(-projectMonths);
        var project = await db.ProjectAccountabilities.Where(a => a.LeaderPersonId == personId && a.CreatedAt >= since && !db.CadreNotes.Any(n => n.ProjectAccountabilityId == a.Id))
            .OrderByDescending(a => a.CreatedAt).Select(a => new { a.CreatedAt }).FirstOrDefaultAsync(ct);
        return project is null ? null : $"项目问责，影响期至{ChinaTime.ChineseDate(DateOnly.FromDateTime(ChinaTime.ToChina(project.CreatedAt)).AddMonths(projectMonths))}";
    }

    private static IQueryable<AccountabilityView> Views(IQueryable<AccountabilityRecord> records, DateOnly today) =>
        records.Select(r => new AccountabilityView(r.Id, r.PersonId, r.Person!.Name, r.Organization!.Name, r.ListVersion, r.SituationNumber, r.Situation, r.Measure,
            r.Document, r.Facts, r.DecidedOn, r.EffectUntil, r.EffectUntil >= today, r.UserName));

    private static IQueryable<CadreNoteView> Views(IQueryable<CadreNote> notes) =>
        notes.Select(n => new CadreNoteView(n.Id, n.PersonId, n.Person!.Name, n.Organization!.Name, n.Kind, n.On, n.Reasons, n.ProjectAccountabilityId, n.UserName));
}
