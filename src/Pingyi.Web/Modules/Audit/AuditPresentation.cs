using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;

namespace Pingyi.Web.Modules.Audit;

/// <summary>An audit entry's object as people read it: its kind, its name and a link to its page when it has one.</summary>
public sealed record AuditObject(string Kind, string? Name, string? Link);

/// <summary>
/// Presents audit entries to people: the object by its name with a link, the recorded data as labelled fields. The
/// stored entry is unchanged; this only reads it.
/// </summary>
public static class AuditPresentation
{
    private static readonly Dictionary<string, (string Kind, string? Page)> Kinds = new(StringComparer.Ordinal)
    {
        ["Organization"] = ("组织", "/Organizations/Details/"),
        ["Person"] = ("人员", "/People/Details/"),
        ["LedgerItem"] = ("整改事项", "/Ledger/Details/"),
        ["Commitment"] = ("承诺", "/Commitments/Details/"),
        ["Meeting"] = ("评议会", "/Meetings/Details/"),
        ["Scheme"] = ("评议方案", "/Meetings/Scheme/"),
        ["Talk"] = ("约谈", null),
        ["Bulletin"] = ("通报", "/Bulletins/Details/"),
        ["Account"] = ("账号", null),
        ["ApiToken"] = ("令牌", null),
        ["DocumentIssuer"] = ("发文机关", "/Settings"),
        ["IssuedDocument"] = ("公文", "/Settings"),
        ["CalendarYear"] = ("工作日历", "/Settings"),
        ["YearEndReport"] = ("年终专题汇报", null),
        ["WorkTask"] = ("督办任务", null),
        ["SupervisionVisit"] = ("督查", null),
        ["DailyReport"] = ("工作日报", null),
        ["GradingScheme"] = ("定级方案", null),
        ["GradingInputRecord"] = ("定级评分", null),
        ["GradingVeto"] = ("一票否决", null),
        ["GradeResult"] = ("定级结果", null),
        ["GradingYear"] = ("年度定级", "/Grading?year="),
        ["Award"] = ("表彰项目", "/Awards/Details/"),
        ["AwardNomination"] = ("表彰提名", null),
        ["AwardObjection"] = ("公示异议", null),
        ["ArchiveQuarter"] = ("季度考评", null),
        ["ArchivePlan"] = ("年度考核办法", null),
        ["Project"] = ("包靠项目", "/Projects/Details/"),
        ["TrainingCourse"] = ("培训", "/Training/Details/"),
        ["StationAssignment"] = ("驻村记录", "/Stationing/Details/"),
        ["SelectionBatch"] = ("选任批次", "/Selection/Details/"),
        ["ReverseEvaluationMeeting"] = ("反向测评", null),
        ["SatisfactionSurvey"] = ("选人用人满意度测评", "/Meetings/Details/"),
        ["AccountabilityList"] = ("问责情形和措施清单", null),
        ["AnalysisPlan"] = ("分析研判方案", "/Accountability/Analysis/"),
        ["AccountabilityRecord"] = ("问责记录", null),
        ["CadreNote"] = ("干部激励约束记录", null),
        ["AuditReport"] = ("经济责任审计报告", null),
        ["Petition"] = ("信访事项", "/Petitions/Details/"),
        ["ReceptionSlot"] = ("视频接访场次", null),
        ["ServiceRequest"] = ("群众诉求", "/Requests/Details/"),
        ["MemberDevelopment"] = ("入党培养记录", "/Membership/Details/"),
        ["NewOrganization"] = ("两新组织", "/Coverage?edit="),
        ["VillageDecision"] = ("村级重大事项决策", "/OpenAffairs/Details/"),
        ["MicroPower"] = ("小微权力清单事项", "/OpenAffairs/Powers?edit="),
        ["OpennessRating"] = ("公开效果评议", null),
        ["BranchPairing"] = ("结对共建", "/Pairing/Details/"),
        ["Venue"] = ("村级活动场所", null),
        ["DelegateDuty"] = ("党代表履职", "/Delegates/Details/"),
        ["CommitteeObservation"] = ("党员旁听", null),
        ["TenMostList"] = ("村级“十最”清单", null),
        ["Open311Key"] = ("Open311 接口密钥", null),
    };

    /// <summary>Chinese labels of the fields entries record most; others show their key.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["name"] = "名称", ["title"] = "标题", ["text"] = "内容", ["reason"] = "理由", ["from"] = "原状态", ["to"] = "新状态", ["deadline"] = "时限",
        ["oldDeadline"] = "原时限", ["newDeadline"] = "新时限", ["organization"] = "组织", ["group"] = "评议组", ["count"] = "数量", ["year"] = "年", ["month"] = "月", ["quarter"] = "季度",
        ["number"] = "发文字号", ["issuer"] = "发文机关", ["prefix"] = "字号前缀", ["user"] = "用户", ["roles"] = "角色", ["rehearsal"] = "试运行", ["items"] = "事项数",
        ["closed"] = "已销号", ["overdue"] = "逾期", ["talks"] = "约谈", ["ledgerItems"] = "台账事项", ["before"] = "修改前", ["rules"] = "规则", ["category"] = "类别",
        ["description"] = "问题", ["daysOff"] = "放假天数", ["workedWeekendDays"] = "调休上班天数", ["code"] = "编码", ["level"] = "层级", ["parent"] = "上级",
        ["score"] = "得分", ["period"] = "期次", ["previous"] = "原得分", ["points"] = "分项得分", ["scheme"] = "方案版本", ["version"] = "版本", ["graded"] = "参评",
        ["advanced"] = "先进", ["average"] = "一般", ["lagging"] = "后进", ["exemplary"] = "示范", ["ledgerItem"] = "台账事项", ["note"] = "说明",
        ["award"] = "表彰项目", ["person"] = "人员", ["subject"] = "对象", ["quota"] = "名额", ["recommended"] = "拟表彰", ["awardees"] = "表彰人数",
        ["nomination"] = "提名", ["receivedOn"] = "收到日期", ["upheld"] = "属实", ["state"] = "状态", ["workingDays"] = "工作日", ["until"] = "截止",
    };

    public static AuditObject Object(string entityType, string? entityId, IReadOnlyDictionary<(string, string), string> names)
    {
        var (kind, page) = Kinds.TryGetValue(entityType, out var k) ? k : (entityType, null);
        var name = entityId is null ? null : names.GetValueOrDefault((entityType, entityId));
        var link = page is null || entityId is null ? null : page.StartsWith("/Settings", StringComparison.Ordinal) ? page : page + entityId;
        return new AuditObject(kind, name, link);
    }

    /// <summary>The names of the objects of a page of entries, looked up together.</summary>
    public static async Task<IReadOnlyDictionary<(string, string), string>> NamesAsync(PingyiDbContext db, IEnumerable<AuditRow> rows, CancellationToken ct)
    {
        var names = new Dictionary<(string, string), string>();
        var byType = rows.Where(r => r.EntityId is not null).GroupBy(r => r.EntityType)
            .ToDictionary(g => g.Key, g => g.Select(r => long.TryParse(r.EntityId, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList());
        async Task AddAsync(string type, Func<List<long>, IQueryable<(long Id, string Name)>> query)
        {
            if (byType.TryGetValue(type, out var ids) && ids.Count > 0)
            {
                foreach (var (id, name) in await query(ids).ToListAsync(ct))
                {
                    names[(type, id.ToString(System.Globalization.CultureInfo.InvariantCulture))] = name.Length > 40 ? name[..40] + "…" : name;
                }
            }
        }
        await AddAsync("Organization", ids => db.Organizations.Where(o => ids.Contains(o.Id)).Select(o => ValueTuple.Create(o.Id, o.Name)));
        await AddAsync("Person", ids => db.People.Where(p => ids.Contains(p.Id)).Select(p => ValueTuple.Create(p.Id, p.Name)));
        await AddAsync("LedgerItem", ids => db.LedgerItems.Where(i => ids.Contains(i.Id)).Select(i => ValueTuple.Create(i.Id, i.Description)));
        await AddAsync("Commitment", ids => db.Commitments.Where(c => ids.Contains(c.Id)).Select(c => ValueTuple.Create(c.Id, c.Title)));
        await AddAsync("Meeting", ids => db.Meetings.Where(m => ids.Contains(m.Id)).Select(m => ValueTuple.Create(m.Id, m.Title)));
        await AddAsync("Scheme", ids => db.Schemes.Where(s => ids.Contains(s.Id)).Select(s => ValueTuple.Create(s.Id, s.Name)));
        await AddAsync("Bulletin", ids => db.Bulletins.Where(b => ids.Contains(b.Id)).Select(b => ValueTuple.Create(b.Id, b.Title)));
        await AddAsync("DocumentIssuer", ids => db.Organizations.Where(o => ids.Contains(o.Id)).Select(o => ValueTuple.Create(o.Id, o.Name)));
        return names;
    }

    /// <summary>The recorded data as labelled fields: a value that is itself an object or a list is shown compactly.</summary>
    /// <remarks>Labels are Chinese; an English page shows the recorded keys (<paramref name="english"/>).</remarks>
    public static IReadOnlyList<(string Label, string Value)> Fields(string? data, bool english = false)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return [];
        }
        try
        {
            using var doc = JsonDocument.Parse(data);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [("", Short(doc.RootElement.GetRawText()))];
            }
            return [.. doc.RootElement.EnumerateObject().Select(p => (english ? p.Name : Labels.GetValueOrDefault(p.Name, p.Name), Value(p.Value)))];
        }
        catch (JsonException)
        {
            return [("", Short(data))];
        }
    }

    private static string Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => Short(e.GetString() ?? string.Empty),
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        JsonValueKind.Null => "—",
        JsonValueKind.Array when e.GetArrayLength() > 0 && e.EnumerateArray().All(x => x.ValueKind is JsonValueKind.String or JsonValueKind.Number) =>
            Short(string.Join("、", e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : x.GetRawText()))),
        _ => Short(e.GetRawText()),
    };

    private static string Short(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
