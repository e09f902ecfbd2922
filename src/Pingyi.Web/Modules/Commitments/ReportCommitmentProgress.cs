using Pingyi.Core.Commitments;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Commitments;

public sealed record ReportCommitmentProgress(long ItemId, int? Progress, string? Note);

/// <summary>
/// 践诺: the owner side reports how far an item of a published commitment has come (0–100%) and what was done, with evidence
/// files (photos, scans) under the ledger's rules (types, size, count) in the ledger's file store.
/// </summary>
public sealed class ReportCommitmentProgressHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CommitmentAccess access,
    CommitmentQueries queries, FileStore files)
{
    public async Task<CommitmentView> HandleAsync(long id, ReportCommitmentProgress request, CancellationToken ct = default) =>
        await HandleAsync(id, request, [], ct);

    public async Task<CommitmentView> HandleAsync(long id, ReportCommitmentProgress request, IReadOnlyList<IFormFile> evidence, CancellationToken ct = default)
    {
        var (commitment, path) = await access.CommitmentAsync(id, ct);
        scope.User.Require(Policies.CommitmentMakers, "只有作出承诺的党组织或党员所在支部可以报告践诺进展");
        if (!CommitmentWorkflow.Fulfilling(commitment.State))
        {
            throw new RuleViolation($"“{CommitmentWorkflow.Chinese(commitment.State)}”的承诺不能报告进展：亮诺后、销诺前才能报告");
        }
        var item = commitment.Items.FirstOrDefault(i => i.Id == request.ItemId)
            ?? throw RuleViolation.NotFound($"承诺事项 {request.ItemId} 不属于这项承诺");
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        new FieldErrors()
            .Check(request.Progress is >= 0 and <= 100, "progress", "完成进度应为 0 到 100 之间的整数（%）")
            .Check((note?.Length ?? 0) <= CommitmentItem.NoteMax, "note", $"进展说明不超过{CommitmentItem.NoteMax}字")
            .Check(note is not null, "note", "请写明做了什么（进展说明）")
            .Check(evidence.Count <= Ledger.ReportProgressHandler.MaxEvidenceFiles, "files", $"每次最多上传 {Ledger.ReportProgressHandler.MaxEvidenceFiles} 个佐证材料")
            .ThrowIfAny();
        var stored = new List<StoredFile>();
        foreach (var file in evidence)
        {
            stored.Add(await files.SaveAsync(file, Ledger.ReportProgressHandler.EvidenceTypes, Ledger.ReportProgressHandler.MaxEvidenceBytes, ct));
        }
        var before = item.Progress;
        item.Progress = request.Progress!.Value;
        item.ProgressNote = note;
        var now = clock.GetUtcNow().UtcDateTime;
        var report = new CommitmentEvent { CommitmentId = id, ItemId = item.Id, Kind = "Progress", Progress = item.Progress, Text = note, UserName = scope.UserName ?? "system", At = now };
        db.CommitmentEvents.Add(report);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var f in stored)
        {
            db.CommitmentEvidence.Add(new CommitmentEvidence
            {
                CommitmentId = id, ItemId = item.Id, EventId = report.Id, FileName = f.ShortName, File = f.Path,
                Sha256 = f.Sha256, Length = f.Length, At = now,
            });
        }
        audit.Record("commitment.progress", nameof(Commitment), id, path, new { item = item.Order, from = before, to = item.Progress, note,
            files = stored.Select(f => new { f.FileName, f.Sha256, f.Length }) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return (await queries.GetAsync(id, ct))!;
    }
}
