using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Documents;

namespace Pingyi.Web.Modules.Selection;

/// <summary>One step of the record: when, who, what (the audit entry it comes from).</summary>
public sealed record RecordStep(DateTime At, string Actor, string Step, string What);

/// <summary>
/// The full-process record (全程纪实, seed 003): the batch record (批次纪实) and a candidate's record (个人纪实), generated from the
/// audit trail — every step of the batch with its date and actor, or those that concern the candidate (their nomination, the
/// rounds they stood in and their result, the integrity review and signatures, the appointment) — as official documents of the
/// selecting organization's issuer, unnumbered.
/// </summary>
public sealed class SelectionRecord(PingyiDbContext db, SelectionAccess access, DocumentRegister register, TimeProvider clock)
{
    public async Task<IReadOnlyList<RecordStep>> StepsAsync(long batchId, long? nominationId, CancellationToken ct = default)
    {
        await access.BatchAsync(batchId, ct);
        var key = batchId.ToString(CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.Where(e => e.EntityType == nameof(SelectionBatch) && e.EntityId == key).OrderBy(e => e.Id)
            .Select(e => new { e.OccurredAt, e.UserName, e.Action, e.Data }).ToListAsync(ct);
        var steps = new List<RecordStep>();
        foreach (var e in entries)
        {
            using var data = JsonDocument.Parse(string.IsNullOrEmpty(e.Data) ? "{}" : e.Data);
            if (nominationId is { } id && !Concerns(data.RootElement, id))
            {
                continue;
            }
            steps.Add(new RecordStep(e.OccurredAt, e.UserName is null or "system" or "demo" ? "系统" : e.UserName, AuditActionNames.Chinese(e.Action), Describe(e.Action, data.RootElement, nominationId)));
        }
        var names = await Accounts.AccountNames.LabelsAsync(db, steps.Select(s => s.Actor), ct, withAccount: false);
        return [.. steps.Select(s => s with { Actor = names.GetValueOrDefault(s.Actor, s.Actor) })];
    }

    public async Task<Paper> BatchAsync(long batchId, CancellationToken ct = default)
    {
        var (batch, _) = await access.BatchAsync(batchId, ct);
        var steps = await StepsAsync(batchId, null, ct);
        var (_, issuer, _) = await register.IssuerAsync(batch.OrganizationId, ct);
        return new Paper(Document(issuer, $"{batch.Title}全程纪实", $"本纪实由平台审计记录生成，列出“{batch.Title}”从职位空缺预告到任用的每一个环节及其时间和经办人。", steps), $"{batch.Title}批次纪实.docx");
    }

    public async Task<Paper> PersonAsync(long nominationId, CancellationToken ct = default)
    {
        var found = await db.Nominations.Where(n => n.Id == nominationId).Select(n => new { n.Person!.Name, db.SelectionPosts.First(p => p.Id == n.PostId).BatchId }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"提名 {nominationId} 不存在");
        var (batch, _) = await access.BatchAsync(found.BatchId, ct);
        var steps = await StepsAsync(batch.Id, nominationId, ct);
        var (_, issuer, _) = await register.IssuerAsync(batch.OrganizationId, ct);
        return new Paper(Document(issuer, $"{found.Name}同志选任纪实", $"本纪实由平台审计记录生成，列出{found.Name}同志在“{batch.Title}”中的提名、各轮差额选拔、任前廉政审查和任用情况。", steps),
            $"{found.Name}个人纪实.docx");
    }

    private byte[] Document(string issuer, string title, string lead, IReadOnlyList<RecordStep> steps) =>
        OfficialDocument.Create(new OfficialHead(issuer, null, title), ChinaTime.Today(clock), body =>
        {
            body.Text(lead);
            body.Table([["时间", "经办人", "环节", "内容"], .. steps.Select(s => new[] { ChinaTime.DateTimeText(s.At), s.Actor, s.Step, s.What })], [1900, 1200, 1800, 4300], leftColumn: 3);
        });

    /// <summary>Whether an entry concerns the nomination: names it, lists it among a round's candidates, or gives its result.</summary>
    private static bool Concerns(JsonElement data, long id) =>
        (data.TryGetProperty("nomination", out var n) && n.ValueKind == JsonValueKind.Number && n.GetInt64() == id)
        || (data.TryGetProperty("candidateIds", out var c) && c.ValueKind == JsonValueKind.Array && c.EnumerateArray().Any(x => x.GetInt64() == id))
        || (data.TryGetProperty("results", out var r) && r.ValueKind == JsonValueKind.Array
            && r.EnumerateArray().Any(x => x.TryGetProperty("nomination", out var rn) && rn.GetInt64() == id));

    private static string Describe(string action, JsonElement d, long? only)
    {
        string S(string name) => d.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "是",
            JsonValueKind.False => "否",
            _ => "",
        } : "";
        return action switch
        {
            "selection.batch" => $"起草职位空缺预告“{S("title")}”",
            "selection.publish" => "发布职位空缺预告，公开推荐",
            "selection.nominate" => $"{S("nominee")}由“{S("channel")}”提名为{S("post")}人选"
                + (S("nominatorName") != "" ? $"（推荐人：{S("nominatorName")}）" : "") + (S("coSigners") is var n && n != "" && n != "0" ? $"，{n} 人联名" : "")
                + (S("meeting") != "" ? $"。{S("evidence")}" : ""),
            "selection.recommendation" => $"安排{S("post")}领导干部会议推荐（{(DateOnly.TryParse(S("heldOn"), CultureInfo.InvariantCulture, out var held) ? ChinaTime.Date(held) : S("heldOn"))}），应到{S("voters")}人，人选："
                + (d.TryGetProperty("candidates", out var cs) && cs.ValueKind == JsonValueKind.Array ? string.Join("、", cs.EnumerateArray().Select(x => x.GetString())) : ""),
            "selection.recommendation.result" => $"{S("post")}领导干部会议推荐结果，实到{S("present")}人"
                + (d.TryGetProperty("results", out var rr) && rr.ValueKind == JsonValueKind.Array
                    ? "：" + string.Join("，", rr.EnumerateArray().Select(x => $"{x.GetProperty("candidate").GetString()}推荐{x.GetProperty("recommended").GetRawText()}票（{(x.GetProperty("nominated").GetBoolean() ? "提名" : x.GetProperty("carried").GetBoolean() ? "过半数，已由其他渠道提名" : "未过半数")}）"))
                    : ""),
            "selection.round" => $"安排{S("post")}第{S("round")}轮{(S("runoff") == "是" ? "加试" : "")}：{S("candidates")}人参加，{S("advancing")}人晋级"
                + (DateOnly.TryParse(S("heldOn"), CultureInfo.InvariantCulture, out var voting) ? $"，{ChinaTime.Date(voting)}手机无记名投票" : ""),
            "selection.close" => $"{S("post")}第{S("round")}轮{(S("runoff") == "是" ? "加试" : "")}结束，有资格投票（评分）{S("voters")}人"
                + (d.TryGetProperty("results", out var rs) && rs.ValueKind == JsonValueKind.Array
                    ? "：" + string.Join("，", rs.EnumerateArray().Where(x => only is null || (x.TryGetProperty("nomination", out var xn) && xn.GetInt64() == only))
                        .Select(x => $"{x.GetProperty("nominee").GetString()}（{(x.TryGetProperty("score", out var sc) && sc.ValueKind == JsonValueKind.Number ? sc.GetDecimal().ToString("0.##", CultureInfo.InvariantCulture) : "—")}，{x.GetProperty("outcome").GetString()}）"))
                    : ""),
            "selection.integrity" => $"任前廉政审查结论：{(S("passed") == "是" ? "通过" : "未通过")}。{S("conclusion")}",
            "selection.sign" => $"{(S("signature") == nameof(IntegritySignature.PartySecretary) ? "党委书记" : "纪委书记")}签署任前廉政审查意见",
            "selection.appoint" => $"决定任用{S("nominee")}为{S("post")}",
            _ => AuditActionNames.Chinese(action),
        };
    }
}
