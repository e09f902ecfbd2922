using System.Globalization;
using Pingyi.Core.Archives;
using Pingyi.Core.Commitments;
using Pingyi.Core.Ledger;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Documents;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Archives;

/// <summary>
/// A cadre's performance record (干部实绩档案) as an official document (GB/T 9704) of the caller's organization department
/// — its formal name when it is an issuer — without a number: a record kept and handed on, not an issued document.
/// </summary>
public sealed class CadreRecord(ArchiveQueries queries, DocumentRegister register, Scope scope, TimeProvider clock)
{
    public async Task<Paper> HandleAsync(long personId, CancellationToken ct = default)
    {
        var archive = await queries.CadreAsync(personId, ct);
        // The caller's own organization keeps the record (the organization department, a township committee); its nearest issuer signs it.
        var keeper = scope.OrganizationId ?? archive.Posts.Select(p => p.OrganizationId).First();
        var (_, issuer, _) = await register.IssuerAsync(keeper, ct);
        return new Paper(Document(archive, issuer, ChinaTime.Today(clock)), $"{archive.Name}实绩档案.docx");
    }

    public static byte[] Document(CadreArchive a, string issuer, DateOnly today) =>
        OfficialDocument.Create(new OfficialHead(issuer, null, $"{a.Name}同志实绩档案"), today, body =>
    {
        static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "—";
        var current = a.Posts.Where(p => p.TermEnd is null).Select(p => $"{p.Organization}{p.Title}（{ChinaTime.ChineseDate(p.TermStart)}起）").ToList();
        body.Text($"{a.Name}，现任{(current.Count == 0 ? "无职务" : string.Join("、", current))}。本档案汇集截至{ChinaTime.ChineseDate(today)}平台中记录的季度实绩考评、述职评议、公开承诺、表彰奖励、谈话、所在组织整改台账和包靠项目，每项注明来源和日期。");
        body.Heading("一、任职情况");
        body.Table([["组织", "职务", "起始", "结束"], .. a.Posts.Select(p => new[] { p.Organization, p.Title, ChinaTime.ChineseDate(p.TermStart), p.TermEnd is { } e ? ChinaTime.ChineseDate(e) : "至今" })],
            [3600, 1400, 2200, 2200]);
        body.Heading("二、季度实绩考评");
        if (a.Years.Count == 0)
        {
            body.Text("暂无季度实绩考评记录。");
        }
        foreach (var y in a.Years)
        {
            body.Text($"{y.Year}年{ArchiveText.Kind(y.Kind)}（{y.Host}）：全年成绩 {ArchiveText.Score(y.Total.Total) ?? "—"}。{y.Total.Explanation}");
            body.Table([["季度", "得分", "等次", "位次", "考评方案", "日期"],
                .. y.Quarters.Select(q => new[] { ArchiveYear.QuarterName(q.Quarter), ArchiveText.Score(q.Score) ?? "—", GradeText.Show(q.Grade), N(q.Position), q.SchemeName, ChinaTime.ChineseDate(q.HeldOn) })],
                [1000, 1000, 900, 800, 3300, 2200]);
        }
        body.Heading("三、述职评议");
        Rows(body, a.Meetings.Count, [["会议", "日期", "综合得分", "等次", "位次"], .. a.Meetings.Select(m => new[] { m.Title, ChinaTime.ChineseDate(m.HeldOn), m.Score ?? "—", GradeText.Show(m.Grade), N(m.Position) })],
            [4200, 1800, 1200, 1000, 1000], "暂无述职评议记录。");
        body.Heading("四、公开承诺");
        Rows(body, a.Commitments.Count, [["年度", "承诺", "状态", "“三评”星级"], .. a.Commitments.Select(c => new[] { N(c.Year), c.Title, CommitmentWorkflow.Chinese(c.State), c.Stars is { } s ? new string('★', s) : "—" })],
            [1000, 5000, 1600, 1600], "暂无公开承诺记录。");
        body.Heading("五、表彰奖励");
        Rows(body, a.Awards.Count, [["年度", "表彰", "授予单位", "发布日期"], .. a.Awards.Select(w => new[] { N(w.Year), w.Award, w.Organization, ChinaTime.ChineseDate(DateOnly.FromDateTime(ChinaTime.ToChina(w.PublishedAt))) })],
            [1000, 4000, 2600, 1600], "暂无表彰奖励记录。");
        body.Heading("六、谈话");
        Rows(body, a.Talks.Count, [["原因", "状态", "日期"], .. a.Talks.Select(t => new[] { t.Reason, t.State == TalkState.Completed ? "已谈话" : "待谈话",
                ChinaTime.ChineseDate(DateOnly.FromDateTime(ChinaTime.ToChina(t.CompletedAt ?? t.CreatedAt))) })],
            [5400, 1600, 2200], "暂无谈话记录。");
        body.Heading("七、所在组织整改台账");
        Rows(body, a.Ledger.Count, [["类别", "问题", "状态", "时限"], .. a.Ledger.Select(l => new[] { l.Category, l.Description, LedgerWorkflow.Chinese(l.State), l.Deadline is { } d ? ChinaTime.ChineseDate(d) : "—" })],
            [1300, 4300, 1400, 2200], "所在组织暂无整改事项。");
        body.Heading("八、轮训");
        Rows(body, a.Training.Count, [["培训", "类别", "日期", "学时"], .. a.Training.Select(x => new[] { x.Title, Training.TrainingText.Kind(x.Kind), ChinaTime.ChineseDate(x.StartOn),
                x.Hours.ToString("0.#", CultureInfo.InvariantCulture) })], [4200, 1600, 2200, 1200], "暂无轮训记录。");
        body.Heading("九、包靠项目和问责记录");
        Rows(body, a.Projects.Count, [["项目", "承担单位", "节点完成", "进度"], .. a.Projects.Select(p => new[] { p.Name, p.Organization, $"{p.Done}/{p.Milestones.Count}",
                Core.Projects.ProjectSchedule.Chinese(p.Standing) })], [3800, 2600, 1200, 1600], "暂无包靠项目。");
        foreach (var x in a.Accountability)
        {
            body.Text($"问责记录（{ChinaTime.ChineseDate(DateOnly.FromDateTime(ChinaTime.ToChina(x.CreatedAt)))}）：{x.Reason}。");
        }
        body.Heading("十、驻村工作");
        Rows(body, a.Stationing.Count, [["驻村（社区）", "职务", "驻村期间", "好事实事", "月度报到", "群众评议"], .. a.Stationing.Select(x => new[]
            {
                x.Stay.Village, x.Stay.Role, $"{ChinaTime.ChineseDate(x.Stay.StartOn)}至{(x.Stay.EndOn is { } end ? ChinaTime.ChineseDate(end) : "今")}",
                $"{x.Stay.Deeds}件，受益{x.Stay.Beneficiaries}人", $"{x.Stay.MonthsDue - x.Stay.MonthsMissed}/{x.Stay.MonthsDue}",
                x.Evaluations.Count == 0 ? "—" : string.Join("；", x.Evaluations.Select(e => $"{e.Year}年度{Core.Stationing.StationRules.Chinese(e.Rating)}")),
            })], [1700, 1300, 2200, 1500, 1000, 1600], "暂无驻村工作记录。");
    });

    private static void Rows(OfficialBody body, int count, IReadOnlyList<string[]> rows, int[] weights, string none)
    {
        if (count == 0)
        {
            body.Text(none);
            return;
        }
        body.Table(rows, weights, leftColumn: 1);
    }
}
