using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Ledger;

public sealed class ReportProgressHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, FileStore files, LedgerAccess access,
    LedgerQueries queries)
{
    public static readonly string[] EvidenceTypes = [".jpg", ".jpeg", ".png", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"];

    public const long MaxEvidenceBytes = 20L * 1024 * 1024;

    public const int MaxEvidenceFiles = 10;

    /// <summary>A progress report of the responsible side, with up to ten evidence files; the state does not change.</summary>
    public async Task<LedgerItemView> HandleAsync(long id, string? text, IReadOnlyList<IFormFile> evidence, CancellationToken ct = default)
    {
        var (item, path) = await access.ItemAsync(id, ct);
        if (!scope.User.Allows(Policies.LedgerWorkers) || !await access.InScopeAsync(item.ResponsibleOrganizationId, ct))
        {
            throw RuleViolation.Forbidden("只有责任单位可以报告进展");
        }
        if (item.State == LedgerState.ClosedOut)
        {
            throw new RuleViolation("已销号的事项不能再报告进展");
        }
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > 4000)
        {
            throw RuleViolation.Invalid("请填写进展情况（不超过4000字）");
        }
        if (evidence.Count > MaxEvidenceFiles)
        {
            throw RuleViolation.Invalid($"每次最多上传 {MaxEvidenceFiles} 个佐证材料");
        }
        var stored = new List<StoredFile>();
        foreach (var file in evidence)
        {
            stored.Add(await files.SaveAsync(file, EvidenceTypes, MaxEvidenceBytes, ct));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        item.Progress = trimmed;
        var change = new LedgerEvent { ItemId = id, Kind = "Progress", FromState = item.State, ToState = item.State, Text = trimmed, UserName = scope.UserName ?? "system", At = now };
        db.LedgerEvents.Add(change);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var f in stored)
        {
            db.LedgerEvidence.Add(new LedgerEvidence
            {
                ItemId = id, EventId = change.Id, FileName = f.ShortName, File = f.Path, Sha256 = f.Sha256,
                Length = f.Length, At = now,
            });
        }
        audit.Record("ledger.progress", nameof(LedgerItem), id, path, new { text = trimmed, files = stored.Select(f => new { f.FileName, f.Sha256, f.Length }) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return (await queries.GetAsync(id, ct))!;
    }
}
