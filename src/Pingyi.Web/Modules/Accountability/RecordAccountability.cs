using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Accountability;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>An accountability decision: the cadre, the numbers of the situation and the measure in the lists in force, the document, facts, date.</summary>
public sealed record RecordAccountability(long PersonId, int? Situation, int? Measure, string? Document, string? Facts, DateOnly? DecidedOn);

/// <summary>
/// Records an accountability decision on a cadre of the caller's subtree under the lists in force: the situation's and the
/// measure's wording are kept with the record, the effect period runs from the decision by the measure's months (Civil Code
/// §201–202, <see cref="AccountabilityCatalog.EffectUntil"/>). The organization department and the discipline body only; every
/// mistake beside its field; audited.
/// </summary>
public sealed class RecordAccountabilityHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, AccountabilityAccess access)
{
    public async Task<AccountabilityRecord> HandleAsync(RecordAccountability request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.CadreSupervisors, "问责由组织部门和纪检监察机关办理");
        var lists = await access.CurrentAsync(ct);
        var today = ChinaTime.Today(clock);
        var document = (request.Document ?? string.Empty).Trim();
        var facts = (request.Facts ?? string.Empty).Trim();
        new FieldErrors()
            .Check(request.Situation is { } s && s >= 1 && s <= lists.Situations.Count, "situation", $"请选择问责情形（第 1 到 {lists.Situations.Count} 种）")
            .Check(request.Measure is { } m && m >= 1 && m <= lists.Measures.Count, "measure", $"请选择问责措施（第 1 到 {lists.Measures.Count} 种）")
            .Check(document.Length is > 0 and <= AccountabilityList.DocumentMax, "document", $"请填写问责决定文件（文号），不超过{AccountabilityList.DocumentMax}个字符")
            .Check(facts.Length is > 0 and <= AccountabilityRecord.TextMax, "facts", $"请写明问责事实，不超过{AccountabilityRecord.TextMax}字")
            .Check(request.DecidedOn is { } d && Years.Valid(d.Year) && d <= today, "decidedOn", "请填写问责决定日期（不晚于今天）")
            .ThrowIfAny();
        var cadre = await access.CadreAsync(request.PersonId, ct);
        var measure = lists.Measures[request.Measure!.Value - 1];
        var record = new AccountabilityRecord
        {
            PersonId = cadre.Id, OrganizationId = cadre.OrganizationId, ListVersion = lists.Version,
            SituationNumber = request.Situation!.Value, Situation = lists.Situations[request.Situation.Value - 1],
            MeasureNumber = request.Measure.Value, Measure = measure.Name,
            Document = document, Facts = facts, DecidedOn = request.DecidedOn!.Value, EffectUntil = AccountabilityCatalog.EffectUntil(request.DecidedOn.Value, measure.EffectMonths),
            UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AccountabilityRecords.Add(record);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("accountability.record", nameof(AccountabilityRecord), record.Id, cadre.Path, new
        {
            person = cadre.Name, version = lists.Version, situation = record.SituationNumber, measure = record.Measure, document, decidedOn = record.DecidedOn, effectUntil = record.EffectUntil,
        });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return record;
    }
}
