using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Stationing;

/// <summary>A deed (好事实事) or work log entry: the day, what was done, how many villagers it helped.</summary>
public sealed record RecordStationEntry(StationEntryKind Kind, DateOnly? On, string? Text, int? Beneficiaries);

/// <summary>
/// Logs a stationed cadre's deed or day of work, on a day of the stay not after today, with one evidence file (a photo, PDF or
/// Office document under the ledger's rules) when given; audited with the file's hash.
/// </summary>
public sealed class RecordStationEntryHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, StationingAccess access, FileStore files)
{
    public async Task<StationEntry> HandleAsync(long id, RecordStationEntry request, IFormFile? evidence = null, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇、村党组织的管理员可以记录驻村工作");
        var (assignment, path) = await access.AssignmentAsync(id, ct);
        var text = (request.Text ?? string.Empty).Trim();
        var today = ChinaTime.Today(clock);
        var last = assignment.EndOn is { } end && end < today ? end : today;
        new FieldErrors()
            .Check(Enum.IsDefined(request.Kind), "kind", "请选择记录类别：好事实事或工作日志")
            .Check(request.On is not null, "on", "请填写日期")
            .Check(request.On is null || (request.On >= assignment.StartOn && request.On <= last), "on", $"日期应在驻村期间（{ChinaTime.Date(assignment.StartOn)}至{ChinaTime.Date(last)}）")
            .Check(text.Length is > 0 and <= StationEntry.TextMax, "text", $"请写明做了什么（不超过{StationEntry.TextMax}字）")
            .Check(request.Beneficiaries is null or (>= 0 and <= 100_000), "beneficiaries", "受益群众人数应为 0 到 100000 之间的整数")
            .ThrowIfAny();
        var stored = evidence is null ? null : await files.SaveAsync(evidence, Ledger.ReportProgressHandler.EvidenceTypes, Ledger.ReportProgressHandler.MaxEvidenceBytes, ct);
        var entry = new StationEntry
        {
            AssignmentId = assignment.Id, Kind = request.Kind, On = request.On!.Value, Text = text, Beneficiaries = request.Beneficiaries,
            EvidenceFile = stored?.Path, EvidenceName = stored?.ShortName, EvidenceSha256 = stored?.Sha256,
            UserName = scope.UserName ?? "system", At = clock.GetUtcNow().UtcDateTime,
        };
        db.StationEntries.Add(entry);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record(request.Kind == StationEntryKind.Deed ? "station.deed" : "station.log", nameof(StationAssignment), assignment.Id, path,
            new { entry = entry.Id, on = entry.On, text = TextCut.Short(text, 100), entry.Beneficiaries, file = stored is null ? null : new { stored.FileName, stored.Sha256, stored.Length } });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return entry;
    }
}
