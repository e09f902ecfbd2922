using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Accountability;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accountability;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's accountability and encouragement (seed 003) under the default lists: three decisions on township cadres —
/// a 诫勉 still in its effect period, an 通报批评 whose period has ended, a 批评教育 without one — eight reminder talks, two
/// clarifications of false reports, and a tolerated mistake that waives the demo's project accountability when there is one.
/// </summary>
public sealed class DemoAccountability(PingyiDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task GenerateAsync(CancellationToken ct = default)
    {
        if (await db.AccountabilityRecords.AnyAsync(ct) || await db.CadreNotes.AnyAsync(ct))
        {
            return;
        }
        var cadres = (await db.CadrePositions.Where(p => p.TermEnd == null && p.Organization!.Level == OrganizationLevel.TownshipCommittee
                    && db.People.Any(x => x.Id == p.PersonId && x.OrganizationId != null))
                .OrderBy(p => p.Organization!.SortOrder).ThenBy(p => p.Id)
                .Select(p => new { p.PersonId, p.Person!.Name, OrganizationId = p.Person.OrganizationId!.Value, p.Person.Organization!.Path }).Take(500).ToListAsync(ct))
            .DistinctBy(c => c.PersonId).ToList();
        // Spread over the townships: every n-th cadre.
        cadres = [.. cadres.Where((_, i) => i % Math.Max(1, cadres.Count / 13) == 0).Take(13)];
        if (cadres.Count < 13)
        {
            return;
        }
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var situations = AccountabilityCatalog.DefaultSituations;
        var measures = AccountabilityCatalog.DefaultMeasures;
        await using var work = await db.BeginWorkAsync(ct);
        foreach (var (cadre, situation, measure, document, facts, daysAgo) in new[]
        {
            (cadres[0], 2, 4, "县纪委〔2026〕12号", "群众反映的危房改造补助申请搁置四个月未办理", 45),
            (cadres[1], 8, 3, "县委组织部〔2025〕30号", "集镇污水管网项目推进不力，进度滞后五个月", 400),
            (cadres[2], 7, 1, "镇党委〔2026〕5号", "无故缺席党委理论学习中心组学习两次", 20),
        })
        {
            var decidedOn = today.AddDays(-daysAgo);
            var record = new AccountabilityRecord
            {
                PersonId = cadre.PersonId, OrganizationId = cadre.OrganizationId, ListVersion = 0, SituationNumber = situation, Situation = situations[situation - 1],
                MeasureNumber = measure, Measure = measures[measure - 1].Name, Document = document, Facts = facts, DecidedOn = decidedOn,
                EffectUntil = AccountabilityCatalog.EffectUntil(decidedOn, measures[measure - 1].EffectMonths), UserName = "admin", CreatedAt = now.AddDays(-daysAgo),
            };
            db.AccountabilityRecords.Add(record);
            await db.SaveChangesAsync(ct);
            audit.Record("accountability.record", nameof(AccountabilityRecord), record.Id, cadre.Path,
                new { person = cadre.Name, version = 0, situation, measure = record.Measure, document, decidedOn, effectUntil = record.EffectUntil, demo = true });
        }
        string[] talks = ["季度讲评排名靠后", "包村工作台账不全", "会议迟到两次", "群众反映办事拖拉", "项目推进节点临近", "驻村报到不及时", "整改台账逾期", "学习笔记不全"];
        var notes = talks.Select((reason, i) => (cadres[3 + i], CadreNoteKind.ReminderTalk, reason, 10 + (i * 9)))
            .Concat([
                (cadres[11], CadreNoteKind.Clarification, "经核查，举报其在土地流转中优亲厚友不属实，在乡镇干部大会上澄清正名", 60),
                (cadres[12], CadreNoteKind.Clarification, "经核查，反映其违规报销的信访举报不属实，已书面告知举报人并澄清", 120),
            ]);
        foreach (var (cadre, kind, reasons, daysAgo) in notes)
        {
            var note = new CadreNote
            {
                PersonId = cadre.PersonId, OrganizationId = cadre.OrganizationId, Kind = kind, On = today.AddDays(-daysAgo), Reasons = reasons, UserName = "admin", CreatedAt = now.AddDays(-daysAgo),
            };
            db.CadreNotes.Add(note);
            await db.SaveChangesAsync(ct);
            audit.Record("accountability.note", nameof(CadreNote), note.Id, cadre.Path, new { person = cadre.Name, kind = kind.ToString(), on = note.On, demo = true });
        }
        var waived = await db.ProjectAccountabilities.OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.LeaderPersonId, Person = db.People.Where(p => p.Id == a.LeaderPersonId).Select(p => new { p.Name, p.OrganizationId, p.Organization!.Path }).First() })
            .FirstOrDefaultAsync(ct);
        if (waived?.Person.OrganizationId is { } organizationId)
        {
            var note = new CadreNote
            {
                PersonId = waived.LeaderPersonId, OrganizationId = organizationId, Kind = CadreNoteKind.ToleratedMistake, On = today.AddDays(-3),
                Reasons = "节点延误系上级规划调整所致，本人积极推进、未谋私利，按宽容失误机制免予问责", ProjectAccountabilityId = waived.Id, UserName = "admin", CreatedAt = now.AddDays(-3),
            };
            db.CadreNotes.Add(note);
            await db.SaveChangesAsync(ct);
            audit.Record("accountability.note", nameof(CadreNote), note.Id, waived.Person.Path, new { person = waived.Person.Name, kind = note.Kind.ToString(), on = note.On, covers = waived.Id, demo = true });
        }
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
