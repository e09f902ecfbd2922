using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Awards;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Documents;

namespace Pingyi.Web.Modules.Awards;

/// <summary>
/// The decision that confers an award (表彰决定), in the official format: issued under the nearest issuer at or above the
/// conferring organization, numbered at publication (the register's subject <see cref="Subject"/>); before that it is a draft
/// of the recommended list, without a number.
/// </summary>
public sealed class AwardDecision(Data.PingyiDbContext db, AwardAccess access, DocumentRegister register, TimeProvider clock)
{
    public static string Subject(long awardId) => $"award:{awardId}:decision";

    public static string Title(int year, string name) => $"关于表彰{year}年度{name}的决定";

    public async Task<Paper> ForAsync(long id, CancellationToken ct = default)
    {
        var (a, _) = await access.AwardAsync(id, ct);
        var issue = await register.IssuedAsync(Subject(id), ct);
        if (issue is null)
        {
            var issuer = await register.IssuerAsync(a.OrganizationId, ct);
            issue = new DocumentIssue(issuer.Name, null, ChinaTime.Today(clock));
        }
        // The whole list, whoever reads it: a public document once published.
        var names = await db.AwardNominations.Where(n => n.AwardId == id && n.State == NominationState.Recommended).OrderBy(n => n.Organization!.Path).ThenBy(n => n.Id)
            .Select(n => new { n.PersonName, Organization = n.Organization!.Name }).ToListAsync(ct);
        var head = new OfficialHead(issue.Issuer, issue.Number, Title(a.Year, a.Name));
        var document = OfficialDocument.Create(head, issue.IssuedOn, body =>
        {
            body.Text($"{a.Year}年，全县各级党组织和广大党员围绕中心、服务大局，涌现出一批先进典型。为表彰先进、树立典型，经各党组织推荐提名、" +
                $"组织部门审核{(a.PublicityFrom is { } f && a.PublicityUntil is { } u ? $"，并于{ChinaTime.Date(f)}至{ChinaTime.Date(u)}公示" : string.Empty)}，" +
                $"决定授予以下{names.Count.ToString(CultureInfo.InvariantCulture)}{(a.Subject == AwardSubject.Person ? "名同志" : "个党组织")}“{a.Year}年度{a.Name}”称号。");
            var rows = new List<string[]> { a.Subject == AwardSubject.Person ? ["序号", "姓名", "所在党组织"] : ["序号", "党组织"] };
            rows.AddRange(names.Select((n, i) => a.Subject == AwardSubject.Person
                ? new[] { (i + 1).ToString(CultureInfo.InvariantCulture), n.PersonName ?? string.Empty, n.Organization }
                : [(i + 1).ToString(CultureInfo.InvariantCulture), n.Organization]));
            body.Table(rows, a.Subject == AwardSubject.Person ? [2, 5, 12] : [2, 17], leftColumn: a.Subject == AwardSubject.Person ? 2 : 1);
            body.Text("希望受到表彰的先进集体和个人珍惜荣誉、再接再厉，充分发挥示范带动作用。各级党组织和广大党员要以先进为榜样，为推动高质量发展作出新的更大贡献。");
            if (a.Stage != AwardStage.Published)
            {
                body.Text("（本表彰尚未发布，此为审核稿。）");
            }
        });
        return new Paper(document, $"{Title(a.Year, a.Name)}.docx");
    }
}
