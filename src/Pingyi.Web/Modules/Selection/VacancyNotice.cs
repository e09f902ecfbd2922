using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Documents;

namespace Pingyi.Web.Modules.Selection;

/// <summary>
/// The vacancy notice (职位空缺预告) as an official document (GB/T 9704) of the selecting organization's issuer, for the newspaper
/// and the website: the posts with their places and requirements, the seven channels and the nomination window. Unnumbered
/// here: the notice is numbered when the issuer files it.
/// </summary>
public sealed class VacancyNotice(SelectionQueries queries, SelectionAccess access, DocumentRegister register, TimeProvider clock)
{
    public async Task<Paper> HandleAsync(long id, CancellationToken ct = default)
    {
        var (batch, _) = await access.BatchAsync(id, ct);
        if (batch.PublishedAt is null)
        {
            throw new RuleViolation("批次发布后才能生成职位空缺预告");
        }
        var details = await queries.DetailsAsync(id, ct);
        var (_, issuer, _) = await register.IssuerAsync(batch.OrganizationId, ct);
        return new Paper(Document(details, issuer, ChinaTime.Today(clock)), $"{batch.Title}职位空缺预告.docx");
    }

    public static byte[] Document(BatchDetails d, string issuer, DateOnly today) =>
        OfficialDocument.Create(new OfficialHead(issuer, null, $"{d.Batch.Title}职位空缺预告"), today, body =>
        {
            body.Text($"为拓宽选人用人视野，现将{d.Batch.Title}空缺职位预告如下，欢迎组织、领导干部和群众按规定推荐人选，符合条件的干部也可以自荐。");
            body.Heading("一、空缺职位和任职条件");
            body.Table([["职位", "所在单位", "职级", "职数", "年龄", "任现职年限", "学历", "专业领域"],
                .. d.Posts.Select(p => new[] { p.Title, p.Organization, p.Rank ?? "—", p.Places.ToString(System.Globalization.CultureInfo.InvariantCulture), PublicModel.Limit(p.MinAge, p.MaxAge, "岁"),
                    p.MinYearsInPost is { } y ? $"{y}年以上" : "不限", p.Education ?? "不限", p.Field ?? "不限" })],
                [1500, 1500, 900, 600, 1100, 1100, 1000, 1100], leftColumn: 1);
            body.Heading("二、推荐渠道");
            body.Text("组织推荐、领导干部个人推荐（推荐人对所荐人选负责）、群众联名推荐、个人自荐、领导干部会议推荐、县委全委会推荐、组织部门推荐。");
            body.Heading("三、推荐时间");
            body.Text($"{ChinaTime.ChineseDate(d.Batch.NominationFrom)}至{ChinaTime.ChineseDate(d.Batch.NominationUntil)}。推荐期满后，经组织部门、全体在职干部和县委全委会三轮差额选拔，择优确定考察人选。");
        });
}
