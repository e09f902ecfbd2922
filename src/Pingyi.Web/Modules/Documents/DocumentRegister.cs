using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Documents;

/// <summary>Who issues a document and under which number: the head of an official document before its text.</summary>
public sealed record DocumentIssue(string Issuer, string? Number, DateOnly IssuedOn);

/// <summary>
/// Finds the issuer of an organization's documents — the nearest organization at or above it with an entry in the
/// county's issuer settings — and hands out document numbers (发文字号) per issuer and year, once per document.
/// </summary>
public sealed class DocumentRegister(PingyiDbContext db, AuditLog audit, TimeProvider clock)
{
    private sealed record IssuerEntry(long OrganizationId, string Name, string Prefix, string Path);

    private List<IssuerEntry>? _issuers;

    /// <summary>The issuer for documents of <paramref name="organizationId"/>: the nearest configured one at or above it, else the organization under its own name.</summary>
    public async Task<(long OrganizationId, string Name, string? Prefix)> IssuerAsync(long organizationId, CancellationToken ct = default)
    {
        var org = await db.Organizations.Where(o => o.Id == organizationId).Select(o => new { o.Id, o.Name, o.Path }).SingleAsync(ct);
        // Read once per request: a publication issues a document for every reporter.
        _issuers ??= await db.DocumentIssuers.Select(i => new IssuerEntry(i.OrganizationId, i.Name, i.Prefix, i.Organization!.Path)).ToListAsync(ct);
        var nearest = _issuers.Where(i => org.Path.StartsWith(i.Path, StringComparison.Ordinal)).MaxBy(i => i.Path.Length);
        return nearest is null ? (org.Id, org.Name, null) : (nearest.OrganizationId, nearest.Name, nearest.Prefix);
    }

    /// <summary>The organization's own formal name: its issuer entry's, else its name.</summary>
    public async Task<string> FormalNameAsync(long organizationId, CancellationToken ct = default) =>
        await db.DocumentIssuers.Where(i => i.OrganizationId == organizationId).Select(i => i.Name).FirstOrDefaultAsync(ct)
        ?? await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync(ct);

    /// <summary>
    /// The number of the document about <paramref name="subject"/>: the one it was issued with, or the issuer's next
    /// number of the year. Part of the caller's unit of work (call it inside <c>BeginWorkAsync</c>): the number is
    /// saved and audited with the change that issues the document, or not at all.
    /// </summary>
    public async Task<DocumentIssue> IssueAsync(long organizationId, string subject, string title, DateOnly issuedOn, string? organizationPath, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Document numbers are issued inside the unit of work of the change that issues the document.");
        }
        var existing = await db.IssuedDocuments.Where(d => d.Subject == subject).Select(d => new DocumentIssue(d.Issuer, d.Number, d.IssuedOn)).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return existing;
        }
        var issuer = await IssuerAsync(organizationId, ct);
        if (db.Database.IsNpgsql())
        {
            // Numbers are counted under the audit chain's lock (SQLite: the write lock taken when the work began).
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditChain.LockKey})", ct);
        }
        var year = issuedOn.Year;
        var pending = db.ChangeTracker.Entries<IssuedDocument>().Where(e => e.State == EntityState.Added && e.Entity.IssuerOrganizationId == issuer.OrganizationId && e.Entity.Year == year)
            .Select(e => e.Entity.Sequence).DefaultIfEmpty(0).Max();
        var stored = await db.IssuedDocuments.Where(d => d.IssuerOrganizationId == issuer.OrganizationId && d.Year == year).MaxAsync(d => (int?)d.Sequence, ct) ?? 0;
        var sequence = Math.Max(pending, stored) + 1;
        var number = $"{issuer.Prefix}〔{year.ToString(CultureInfo.InvariantCulture)}〕{sequence.ToString(CultureInfo.InvariantCulture)}号";
        db.IssuedDocuments.Add(new IssuedDocument
        {
            IssuerOrganizationId = issuer.OrganizationId, Year = year, Sequence = sequence, Number = number, Issuer = issuer.Name,
            Subject = subject, Title = title, IssuedOn = issuedOn, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        // Scoped to the issuer when the caller names no organization: an entry without one is shown to every county's administrator.
        organizationPath ??= await db.Organizations.Where(o => o.Id == issuer.OrganizationId).Select(o => o.Path).SingleAsync(ct);
        audit.Record("document.issue", nameof(IssuedDocument), subject, organizationPath, new { number, issuer = issuer.Name, title });
        return new DocumentIssue(issuer.Name, number, issuedOn);
    }

    /// <summary>The number a document was issued with, or null when it has not been issued (a draft).</summary>
    public Task<DocumentIssue?> IssuedAsync(string subject, CancellationToken ct = default) =>
        db.IssuedDocuments.Where(d => d.Subject == subject).Select(d => new DocumentIssue(d.Issuer, d.Number, d.IssuedOn)).FirstOrDefaultAsync(ct);
}
