using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Awards;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Awards;

/// <summary>A year's award: its name (without the year), whom it is for, the quota, the eligibility conditions, the conferring
/// organization (the caller's own by default).</summary>
public sealed record CreateAward(int Year, string Name, AwardSubject Subject, int Quota, EligibilityRules Rules, long? OrganizationId = null);

/// <summary>
/// Opens a year's award for nominations (设立表彰项目), audited; <see cref="CustomaryAsync"/> opens the county's customary
/// awards of seed 001 at once, with its quotas.
/// </summary>
public sealed class CreateAwardHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public const int QuotaMax = 10_000;

    private const EligibilityRules All = EligibilityRules.NoPoorGrade | EligibilityRules.NoVeto | EligibilityRules.AdvancedOrStars;

    /// <summary>
    /// The awards and quotas of seed 001 (织金县, 2011): 175 “五好”, 35 先进基层党组织, 100 优秀共产党员, 50 优秀党务工作者, 10 + 2
    /// 十佳书记; every condition set, but for the township secretaries: township committees are not graded (分类定级 grades the
    /// grassroots organizations), so 先进 or three stars cannot be asked of them.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, AwardSubject Subject, int Quota, EligibilityRules Rules)> Customary =
    [
        ("“五好”基层党组织", AwardSubject.Organization, 175, All),
        ("先进基层党组织", AwardSubject.Organization, 35, All),
        ("优秀共产党员", AwardSubject.Person, 100, All),
        ("优秀党务工作者", AwardSubject.Person, 50, All),
        ("十佳抓党建村党组织书记", AwardSubject.Person, 10, All),
        ("十佳抓党建乡（镇）党委书记", AwardSubject.Person, 2, EligibilityRules.NoPoorGrade | EligibilityRules.NoVeto),
    ];

    public async Task<AwardView> HandleAsync(CreateAward request, CancellationToken ct = default)
    {
        var (organizationId, path) = await ConferringAsync(request.OrganizationId, ct);
        var name = (request.Name ?? string.Empty).Trim();
        var errors = new FieldErrors()
            .Check(Years.Valid(request.Year), "year", Years.Refusal)
            .Check(name.Length is > 0 and <= Award.NameMax, "name", $"请填写表彰名称（不超过{Award.NameMax}字）")
            .Check(request.Quota is > 0 and <= QuotaMax, "quota", $"名额须在 1 到 {QuotaMax} 之间")
            .Check(Enum.IsDefined(request.Subject), "subject", "请选择表彰对象：党组织或个人");
        errors.ThrowIfAny();
        if (await db.Awards.AnyAsync(a => a.Year == request.Year && a.Name == name, ct))
        {
            throw RuleViolation.Invalid($"{request.Year} 年度已有“{name}”", "name");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var award = Add(request.Year, name, request.Subject, request.Quota, request.Rules, organizationId);
        await db.SaveChangesAsync(ct);
        Audit(award, path);
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return AwardView.Of(award);
    }

    /// <summary>The customary awards of seed 001 for a year, those not yet opened.</summary>
    public async Task<IReadOnlyList<AwardView>> CustomaryAsync(int year, long? organizationId = null, CancellationToken ct = default)
    {
        var (conferring, path) = await ConferringAsync(organizationId, ct);
        Years.Check(year);
        var existing = await db.Awards.Where(a => a.Year == year).Select(a => a.Name).ToListAsync(ct);
        var missing = Customary.Where(c => !existing.Contains(c.Name)).ToList();
        if (missing.Count == 0)
        {
            throw new RuleViolation($"{year} 年度的惯例表彰项目都已设立");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var awards = missing.Select(c => Add(year, c.Name, c.Subject, c.Quota, c.Rules, conferring)).ToList();
        await db.SaveChangesAsync(ct);
        awards.ForEach(a => Audit(a, path));
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return [.. awards.Select(a => AwardView.Of(a))];
    }

    private Award Add(int year, string name, AwardSubject subject, int quota, EligibilityRules rules, long organizationId)
    {
        var award = new Award
        {
            Year = year, Name = name, Subject = subject, Quota = quota, Rules = rules & All, OrganizationId = organizationId,
            Stage = AwardStage.Nominating, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Awards.Add(award);
        return award;
    }

    private void Audit(Award a, string path) =>
        audit.Record("award.create", nameof(Award), a.Id, path, new { year = a.Year, name = a.Name, subject = a.Subject.ToString(), quota = a.Quota, rules = a.Rules.ToString() });

    private async Task<(long Id, string Path)> ConferringAsync(long? organizationId, CancellationToken ct)
    {
        scope.User.Require(Policies.Awarders, "只有组织部门可以设立表彰项目");
        var found = await scope.OrganizationAsync(organizationId ?? scope.OrganizationId ?? 0, ct);
        return (found.Id, found.Path);
    }
}
