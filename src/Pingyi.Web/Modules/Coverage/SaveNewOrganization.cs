using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Coverage;

/// <summary>The coverage target (seed 004: ≥ 85% within the year) and how many key organizations a county leader links (1–3).</summary>
public sealed class CoverageOptions
{
    public decimal Target { get; set; } = 0.85m;

    public int LeaderLinksMax { get; set; } = 3;
}

/// <summary>
/// A new organization registered or changed (<see cref="Id"/> null: a new one): name, kind, the township it belongs to,
/// employees and members among them, how it is covered and by which party organization since when, its instructor, the
/// county leader linking it.
/// </summary>
public sealed record SaveNewOrganization(long? Id, string? Name, NewOrganizationKind Kind, long OrganizationId, int Employees, int Members, CoverageMode Mode,
    long? PartyOrganizationId, DateOnly? CoveredOn, string? Instructor, long? LeaderPersonId);

/// <summary>Registers or changes a new organization within the caller's scope: every mistake beside its field, a leader's links capped, audited.</summary>
public sealed class SaveNewOrganizationHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, Microsoft.Extensions.Options.IOptions<CoverageOptions> options)
{
    public async Task<NewOrganization> HandleAsync(SaveNewOrganization request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以登记两新组织");
        var name = (request.Name ?? string.Empty).Trim();
        var instructor = string.IsNullOrWhiteSpace(request.Instructor) ? null : request.Instructor.Trim();
        var today = ChinaTime.Today(clock);
        var covered = request.Mode != CoverageMode.None;
        new FieldErrors()
            .Check(name.Length is > 0 and <= NewOrganization.NameMax, "name", $"请填写名称（不超过{NewOrganization.NameMax}字）")
            .Check(Enum.IsDefined(request.Kind), "kind", "请选择非公企业或社会组织")
            .Check(Enum.IsDefined(request.Mode), "mode", "请选择覆盖方式")
            .Check(request.Employees is >= 0 and <= 1_000_000, "employees", "从业人员数应在 0 至 1000000 之间")
            .Check(request.Members >= 0 && request.Members <= request.Employees, "members", "党员人数不能超过从业人员数")
            .Check(!covered || request.PartyOrganizationId is not null, "partyOrganizationId", "已建立党组织的，请选择覆盖它的党组织")
            .Check(!covered || request.CoveredOn is { } on && on <= today && Years.Valid(on.Year), "coveredOn", "请填写建立党组织的日期（不晚于今天）")
            .Check(covered || request.PartyOrganizationId is null, "partyOrganizationId", "未建立党组织的不填覆盖它的党组织")
            .Check(instructor is null || instructor.Length <= NewOrganization.InstructorMax, "instructor", $"党建工作指导员不超过{NewOrganization.InstructorMax}字")
            .ThrowIfAny();
        var township = await scope.OrganizationAsync(request.OrganizationId, ct);
        string? party = null;
        if (request.PartyOrganizationId is { } partyId)
        {
            party = await db.Organizations.Where(o => o.Id == partyId && o.Status == OrganizationStatus.Active).Select(o => o.Name).FirstOrDefaultAsync(ct)
                ?? throw RuleViolation.Invalid("覆盖它的党组织不存在或已撤销", "partyOrganizationId");
        }
        string? leader = null;
        if (request.LeaderPersonId is { } leaderId)
        {
            leader = await db.People.Where(p => p.Id == leaderId).Select(p => p.Name).FirstOrDefaultAsync(ct)
                ?? throw RuleViolation.Invalid("联系的县级领导不存在：请从人员中选择", "leaderPersonId");
            var links = await db.NewOrganizations.CountAsync(n => n.LeaderPersonId == leaderId && n.Id != (request.Id ?? 0), ct);
            if (links >= options.Value.LeaderLinksMax)
            {
                throw RuleViolation.Invalid($"{leader}已联系 {links} 家重点企业（组织），每名县级领导联系 1 至 {options.Value.LeaderLinksMax} 家", "leaderPersonId");
            }
        }
        var path = await scope.PathAsync(ct);
        NewOrganization unit;
        var now = clock.GetUtcNow().UtcDateTime;
        if (request.Id is { } id)
        {
            unit = await db.NewOrganizations.FirstOrDefaultAsync(n => n.Id == id && n.Organization!.Path.StartsWith(path), ct)
                ?? throw RuleViolation.NotFound("两新组织不存在或不在您的管理范围内");
        }
        else
        {
            unit = new NewOrganization { Name = name, CreatedAt = now };
            db.NewOrganizations.Add(unit);
        }
        if (await db.NewOrganizations.AnyAsync(n => n.OrganizationId == township.Id && n.Name == name && n.Id != unit.Id, ct))
        {
            throw new RuleViolation($"{township.Name}已登记“{name}”");
        }
        var before = request.Id is null ? null : new { unit.Mode, unit.PartyOrganizationId, unit.Instructor, unit.LeaderPersonId };
        unit.Name = name;
        unit.Kind = request.Kind;
        unit.OrganizationId = township.Id;
        unit.Employees = request.Employees;
        unit.Members = request.Members;
        unit.Mode = request.Mode;
        unit.PartyOrganizationId = covered ? request.PartyOrganizationId : null;
        unit.CoveredOn = covered ? request.CoveredOn : null;
        unit.Instructor = instructor;
        unit.LeaderPersonId = request.LeaderPersonId;
        unit.UpdatedAt = now;
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record(request.Id is null ? "coverage.register" : "coverage.update", nameof(NewOrganization), unit.Id, township.Path,
            new { name, kind = CoverageText.Kind(unit.Kind), township = township.Name, mode = CoverageText.Mode(unit.Mode), party, instructor, leader, before });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return unit;
    }
}

/// <summary>The Chinese names of the coverage enumerations (one source; pages localize them).</summary>
public static class CoverageText
{
    public static string Kind(NewOrganizationKind kind) => kind == NewOrganizationKind.Enterprise ? "非公企业" : "社会组织";

    public static string Mode(CoverageMode mode) => mode switch
    {
        CoverageMode.Alone => "单独建立",
        CoverageMode.Joint => "联合建立",
        CoverageMode.Attached => "挂靠建立",
        _ => "未建立党组织",
    };
}
