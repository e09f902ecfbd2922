using System.Globalization;
using Pingyi.Core.Commitments;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Documents;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>
/// The commitment letter (公开承诺书) that 亮诺 makes public, in the official format: issued under the nearest issuer at
/// or above the committing organization, numbered at publication (the register's subject <see cref="Subject"/>); before
/// publication it is a draft without a number.
/// </summary>
public sealed class CommitmentLetter(CommitmentQueries queries, DocumentRegister register, TimeProvider clock)
{
    public static string Subject(long commitmentId) => $"commitment:{commitmentId}:letter";

    public static string Title(CommitmentView c) => $"{c.Organization}{(c.PersonName is { } name ? name + "同志" : string.Empty)}" +
        $"{(c.TermEndYear is { } end ? $"{c.Year}—{end}年任期" : $"{c.Year}年度")}公开承诺书";

    public async Task<Paper> ForAsync(long id, CancellationToken ct = default)
    {
        var c = await queries.GetAsync(id, ct) ?? throw RuleViolation.NotFound($"承诺 {id} 不存在或不在您的管理范围内");
        var issue = await register.IssuedAsync(Subject(id), ct);
        if (issue is null)
        {
            var issuer = await register.IssuerAsync(c.OrganizationId, ct);
            issue = new DocumentIssue(issuer.Name, null, ChinaTime.Today(clock));
        }
        var head = new OfficialHead(issue.Issuer, issue.Number, Title(c));
        var weighted = c.Items.Any(i => i.Weight is not null);
        var document = OfficialDocument.Create(head, issue.IssuedOn, body =>
        {
            body.Text($"{c.Organization}{(c.PersonName is { } name ? $"党员{name}" : string.Empty)}向党员群众公开承诺如下，" +
                $"{(c.TermEndYear is { } end ? $"{c.Year}年至{end}年任期内" : $"{c.Year}年内")}逐项兑现，接受监督。");
            var header = weighted ? new[] { "序号", "承诺事项", "类别", "完成时限", "权重" } : ["序号", "承诺事项", "类别", "完成时限"];
            var rows = new List<string[]> { header };
            rows.AddRange(c.Items.Select(i =>
            {
                string[] row = [i.Order.ToString(CultureInfo.InvariantCulture), i.Target, i.Category, ChinaTime.Date(i.Deadline)];
                return weighted ? [.. row, i.Weight?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty] : row;
            }));
            body.Table(rows, weighted ? [3, 12, 5, 9, 3] : [3, 14, 5, 9], leftColumn: 1);
            body.Text($"承诺单位：{c.Organization}{(c.PersonName is { } who ? $"　承诺人：{who}" : string.Empty)}");
            if (!CommitmentWorkflow.Fulfilling(c.State) && !CommitmentWorkflow.Closed(c.State))
            {
                body.Text("（本承诺尚未亮诺，此为审核稿。）");
            }
        });
        return new Paper(document, $"{Title(c)}.docx");
    }
}
