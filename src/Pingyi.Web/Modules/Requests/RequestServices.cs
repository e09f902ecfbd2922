using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;

namespace Pingyi.Web.Modules.Requests;

/// <summary>An attribute of a service definition (GeoReport v2): string, number, datetime, text, singlevaluelist or multivaluelist.</summary>
public sealed record ServiceAttribute(string Code, string Datatype, bool Required, string Description, int Order, IReadOnlyList<(string Key, string Name)> Values,
    string? DatatypeDescription = null, bool Variable = true);

/// <summary>A service (request type): code, name, description, group, keywords, days to an expected answer, its own attributes.</summary>
public sealed class ServiceType
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public string Group { get; set; } = "";

    public string Keywords { get; set; } = "";

    /// <summary>When an answer is expected: this many days after the request.</summary>
    public int ExpectedDays { get; set; } = 7;

    /// <summary>For a service that asks whether it is urgent (a singlevaluelist of 是/否).</summary>
    public bool AsksUrgency { get; set; }
}

public sealed class RequestsOptions
{
    /// <summary>The services offered to residents (configurable); by default those of rural service centres.</summary>
    public List<ServiceType> Services { get; set; } =
    [
        new() { Code = "ROAD", Name = "道路交通", Description = "村组道路、桥梁损毁，交通安全隐患", Group = "基础设施", Keywords = "修路,桥梁,路面", ExpectedDays = 15 },
        new() { Code = "WATER", Name = "饮水供水", Description = "停水、水质、管网破损", Group = "基础设施", Keywords = "自来水,停水,水管", ExpectedDays = 3, AsksUrgency = true },
        new() { Code = "LIGHT", Name = "路灯照明", Description = "路灯不亮、线路老化", Group = "基础设施", Keywords = "路灯,照明", ExpectedDays = 7 },
        new() { Code = "SANITATION", Name = "环境卫生", Description = "垃圾清运、污水、乱堆乱放", Group = "人居环境", Keywords = "垃圾,污水,卫生", ExpectedDays = 5 },
        new() { Code = "WELFARE", Name = "困难救助", Description = "低保、临时救助、残疾人和老人帮扶", Group = "民生保障", Keywords = "低保,救助,帮扶", ExpectedDays = 10, AsksUrgency = true },
        new() { Code = "DISPUTE", Name = "矛盾纠纷", Description = "邻里、土地、家庭纠纷调解", Group = "平安建设", Keywords = "纠纷,调解", ExpectedDays = 10 },
        new() { Code = "POLICY", Name = "政策咨询", Description = "惠农政策、医保社保、办事指南", Group = "便民服务", Keywords = "政策,咨询,办事", ExpectedDays = 5 },
    ];

    /// <summary>The Open311 jurisdiction_id this endpoint serves; empty: one jurisdiction, the parameter is ignored.</summary>
    public string? JurisdictionId { get; set; }
}

/// <summary>
/// The service catalogue: each service's definition is its own attributes plus the township it concerns (a required
/// singlevaluelist of the county's townships, by which a request is assigned to the township's committee, which passes it on).
/// </summary>
public sealed class RequestServices(IOptions<RequestsOptions> options, PingyiDbContext db)
{
    public const string TownshipAttribute = "township";
    public const string UrgencyAttribute = "urgent";

    public IReadOnlyList<ServiceType> All => options.Value.Services;

    public ServiceType? Find(string? code) => All.FirstOrDefault(s => string.Equals(s.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task<IReadOnlyList<(long Id, string Name)>> TownshipsAsync(CancellationToken ct) =>
        (await db.Organizations.Where(o => o.Status == OrganizationStatus.Active && o.Level == OrganizationLevel.TownshipCommittee)
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
        .Select(o => (o.Id, OrganizationNames.Short(o.Name))).ToList();

    public async Task<IReadOnlyList<ServiceAttribute>> AttributesAsync(ServiceType service, CancellationToken ct)
    {
        var townships = await TownshipsAsync(ct);
        var attributes = new List<ServiceAttribute>
        {
            new(TownshipAttribute, "singlevaluelist", true, "诉求所在乡镇", 1, [.. townships.Select(t => (t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Name))]),
        };
        if (service.AsksUrgency)
        {
            attributes.Add(new(UrgencyAttribute, "singlevaluelist", false, "是否紧急（影响基本生活）", 2, [("yes", "是"), ("no", "否")]));
        }
        return attributes;
    }
}
