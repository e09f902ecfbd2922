using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Requests;

public sealed record FormTeam(long OrganizationId, string? Name, DateOnly? FormedOn);

public sealed record AddTeamMember(string? Name, TeamRole Role, string? Unit);

public sealed record PairHousehold(long OrganizationId, string? HeadName, string? Phone, string? Address, int? Size, string? Reason, DateOnly? PairedOn);

public sealed record EndHousehold(DateOnly? On, string? Reason);

public sealed record RecordVisit(DateOnly? On, string? Visitors, string? Notes, HelpKind Help, decimal? Amount);

public sealed record TeamRow(long Id, string Name, long OrganizationId, string Organization, int Members, int Households, int VisitsThisYear, DateOnly? LastVisit,
    IReadOnlyList<string> Missing, int Overlooked);

public sealed record TeamsSummary(int Teams, int Complete, int Households, int VisitsThisYear, decimal HelpThisYear, int NotVisitedInQuarter);

public sealed record TeamMemberView(long Id, string Name, TeamRole Role, string Unit);

public sealed record HouseholdView(long Id, string HeadName, string? Phone, string Address, string Village, int Size, string Reason, DateOnly PairedOn, DateOnly? EndedOn,
    string? EndReason, int Visits, DateOnly? LastVisit, bool Overlooked);

public sealed record VisitView(long Id, long HouseholdId, string HeadName, DateOnly On, string Visitors, string Notes, HelpKind Help, decimal? Amount, string UserName);

public sealed record TeamDetails(long Id, string Name, long OrganizationId, string Organization, DateOnly FormedOn, IReadOnlyList<TeamMemberView> Members,
    IReadOnlyList<string> Missing, IReadOnlyList<HouseholdView> Households, IReadOnlyList<VisitView> Visits);

/// <summary>A household's details in full, shown to staff on request and audited.</summary>
public sealed record RevealedHousehold(string HeadName, string? Phone, string Address);

/// <summary>
/// 1 + (3 + X) service teams within the caller's scope (seed 003: 197 teams paired with 618 households in difficulty): the
/// organization department and townships' administrators form teams, name their members and pair them with households of the
/// villages they serve; any staff of the scope record visits. A household's head, phone and address are encrypted and masked; the
/// full details are shown one household at a time and audited. A household not visited for a quarter is flagged.
/// </summary>
public sealed class ServiceTeamWork(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, PiiProtector pii)
{
    /// <summary>Days without a visit after which a paired household is flagged.</summary>
    public const int QuarterDays = 90;

    public static string RoleName(TeamRole role) => role switch
    {
        TeamRole.Leader => "牵头干部",
        TeamRole.TownshipCadre => "乡镇干部",
        TeamRole.VillageCadre => "村干部",
        TeamRole.WorkTeamMember => "驻村工作队员",
        _ => "专业技术人员、志愿者",
    };

    public static string HelpName(HelpKind help) => help switch
    {
        HelpKind.Policy => "政策宣传",
        HelpKind.Industry => "产业帮扶",
        HelpKind.Employment => "就业帮扶",
        HelpKind.Relief => "生活救助",
        HelpKind.Medical => "医疗帮扶",
        HelpKind.Education => "教育帮扶",
        _ => "其他",
    };

    /// <summary>The places of 1 + 3 a team has not filled (X may be none): the rule of a complete team, in one place.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<TeamRole> roles)
    {
        var held = roles.ToHashSet();
        return [.. new[] { TeamRole.Leader, TeamRole.TownshipCadre, TeamRole.VillageCadre, TeamRole.WorkTeamMember }.Where(r => !held.Contains(r)).Select(RoleName)];
    }

    public async Task<TeamsSummary> SummaryAsync(CancellationToken ct = default)
    {
        var teams = await TeamsAsync(ct);
        var (from, today) = Year();
        var roles = await teams.Select(t => t.Members.Select(m => m.Role).ToList()).ToListAsync(ct);
        var households = db.PairedHouseholds.Where(h => h.EndedOn == null && teams.Any(t => t.Id == h.TeamId));
        var visits = db.HouseholdVisits.Where(v => v.On >= from && households.Any(h => h.Id == v.HouseholdId));
        var since = today.AddDays(-QuarterDays);
        var help = await visits.Select(v => v.Amount).ToListAsync(ct);
        return new TeamsSummary(roles.Count, roles.Count(r => Missing(r).Count == 0), await households.CountAsync(ct), help.Count, help.Sum(a => a ?? 0),
            await households.CountAsync(h => h.PairedOn <= since && !db.HouseholdVisits.Any(v => v.HouseholdId == h.Id && v.On > since), ct));
    }

    public async Task<Paged<TeamRow>> ListAsync(string? search, bool incomplete, int? page, CancellationToken ct = default)
    {
        var (number, size) = Paging.Normalize(page, 50, 50);
        var teams = await TeamsAsync(ct);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var q = search.Trim();
            teams = teams.Where(t => t.Name.Contains(q) || t.Organization!.Name.Contains(q) || t.Members.Any(m => m.Name.Contains(q)));
        }
        var (from, today) = Year();
        var since = today.AddDays(-QuarterDays);
        var rows = await teams.OrderBy(t => t.Organization!.Path).ThenBy(t => t.Name)
            .Select(t => new
            {
                t.Id, t.Name, t.OrganizationId, Organization = t.Organization!.Name, Roles = t.Members.Select(m => m.Role).ToList(),
                Households = db.PairedHouseholds.Count(h => h.TeamId == t.Id && h.EndedOn == null),
                Visits = db.HouseholdVisits.Count(v => v.On >= from && db.PairedHouseholds.Any(h => h.Id == v.HouseholdId && h.TeamId == t.Id)),
                Last = db.HouseholdVisits.Where(v => db.PairedHouseholds.Any(h => h.Id == v.HouseholdId && h.TeamId == t.Id)).Max(v => (DateOnly?)v.On),
                Overlooked = db.PairedHouseholds.Count(h => h.TeamId == t.Id && h.EndedOn == null && h.PairedOn <= since && !db.HouseholdVisits.Any(v => v.HouseholdId == h.Id && v.On > since)),
            }).ToListAsync(ct);
        var all = rows.Select(r => new TeamRow(r.Id, r.Name, r.OrganizationId, r.Organization, r.Roles.Count, r.Households, r.Visits, r.Last, Missing(r.Roles), r.Overlooked))
            .Where(r => !incomplete || r.Missing.Count > 0 || r.Overlooked > 0).ToList();
        return new Paged<TeamRow>([.. all.Skip((number - 1) * size).Take(size)], number, size, all.Count);
    }

    public async Task<TeamDetails> DetailsAsync(long id, CancellationToken ct = default)
    {
        var team = await (await TeamsAsync(ct)).Include(t => t.Organization).Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw RuleViolation.NotFound($"服务团队 {id} 不存在或不在您的管理范围内");
        var today = ChinaTime.Today(clock);
        var since = today.AddDays(-QuarterDays);
        var households = await db.PairedHouseholds.Where(h => h.TeamId == id).OrderBy(h => h.EndedOn != null).ThenBy(h => h.Id)
            .Select(h => new { h, Village = h.Organization!.Name, Visits = db.HouseholdVisits.Count(v => v.HouseholdId == h.Id),
                Last = db.HouseholdVisits.Where(v => v.HouseholdId == h.Id).Max(v => (DateOnly?)v.On) })
            .ToListAsync(ct);
        var names = households.ToDictionary(x => x.h.Id, x => Petitions.PetitionQueries.MaskName(pii.Decrypt(x.h.HeadName)));
        var ids = names.Keys.ToList();
        var visits = await db.HouseholdVisits.Where(v => ids.Contains(v.HouseholdId)).OrderByDescending(v => v.On).ThenByDescending(v => v.Id).Take(100).ToListAsync(ct);
        return new TeamDetails(team.Id, team.Name, team.OrganizationId, team.Organization!.Name, team.FormedOn,
            [.. team.Members.OrderBy(m => m.Role).ThenBy(m => m.Id).Select(m => new TeamMemberView(m.Id, m.Name, m.Role, m.Unit))], Missing(team.Members.Select(m => m.Role)),
            [.. households.Select(x => new HouseholdView(x.h.Id, names[x.h.Id], Core.People.Masking.Phone(pii.DecryptOrNull(x.h.Phone)),
                Petitions.PetitionQueries.MaskAddress(pii.Decrypt(x.h.Address)), x.Village, x.h.Size, x.h.Reason, x.h.PairedOn, x.h.EndedOn, x.h.EndReason, x.Visits, x.Last,
                x.h.EndedOn is null && x.h.PairedOn <= since && (x.Last is not { } last || last <= since)))],
            [.. visits.Select(v => new VisitView(v.Id, v.HouseholdId, names[v.HouseholdId], v.On, v.Visitors, v.Notes, v.Help, v.Amount, v.UserName))]);
    }

    public async Task<ServiceTeam> FormAsync(FormTeam request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以组建服务团队");
        var name = (request.Name ?? string.Empty).Trim();
        var today = ChinaTime.Today(clock);
        new FieldErrors()
            .Check(name.Length is > 0 and <= ServiceTeam.NameMax, "name", $"请填写团队名称（不超过{ServiceTeam.NameMax}字）")
            .Check(request.FormedOn is { } on && Years.Valid(on.Year) && on <= today, "formedOn", "请填写组建日期（不晚于今天）")
            .ThrowIfAny();
        var organization = await scope.OrganizationAsync(request.OrganizationId, ct);
        if (organization.Level != Core.Organizations.OrganizationLevel.TownshipCommittee && !await VillageOrganizations.IsActiveAsync(db, organization.Id, ct))
        {
            throw RuleViolation.Invalid($"服务团队由乡镇党委或村（社区）党组织组建：{organization.Name}都不是", "organizationId");
        }
        if (await db.ServiceTeams.AnyAsync(t => t.OrganizationId == organization.Id && t.Name == name, ct))
        {
            throw RuleViolation.Invalid($"{organization.Name}已有名为“{name}”的服务团队", "name");
        }
        var team = new ServiceTeam { Name = name, OrganizationId = organization.Id, FormedOn = request.FormedOn!.Value, CreatedAt = clock.GetUtcNow().UtcDateTime };
        await using var work = await db.BeginWorkAsync(ct);
        db.ServiceTeams.Add(team);
        await db.SaveChangesAsync(ct);
        audit.Record("request.team", nameof(ServiceTeam), team.Id, organization.Path, new { name, formed = team.FormedOn });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return team;
    }

    public async Task<ServiceTeamMember> AddMemberAsync(long teamId, AddTeamMember request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以调整服务团队成员");
        var (team, path) = await FindAsync(teamId, ct);
        var name = (request.Name ?? string.Empty).Trim();
        var unit = (request.Unit ?? string.Empty).Trim();
        new FieldErrors()
            .Check(name.Length is > 0 and <= ServiceTeamMember.NameMax, "name", $"请填写成员姓名（不超过{ServiceTeamMember.NameMax}字）")
            .Check(Enum.IsDefined(request.Role), "role", "请选择成员在团队中的位置")
            .Check(unit.Length is > 0 and <= ServiceTeamMember.UnitMax, "unit", $"请填写成员的工作单位（不超过{ServiceTeamMember.UnitMax}字）")
            .ThrowIfAny();
        await db.Entry(team).Collection(t => t.Members).LoadAsync(ct);
        if (request.Role == TeamRole.Leader && team.Members.FirstOrDefault(m => m.Role == TeamRole.Leader) is { } leader)
        {
            throw RuleViolation.Invalid($"一个团队只有一名牵头干部（1 + (3 + X) 的“1”）：{leader.Name}已是牵头干部", "role");
        }
        if (team.Members.Any(m => m.Name == name && m.Unit == unit))
        {
            throw RuleViolation.Invalid($"{unit}的{name}已在团队中", "name");
        }
        var member = new ServiceTeamMember { Name = name, Role = request.Role, Unit = unit };
        team.Members.Add(member);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("request.team-member", nameof(ServiceTeam), team.Id, path, new { member = member.Id, name, role = request.Role.ToString(), unit });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return member;
    }

    public async Task RemoveMemberAsync(long teamId, long memberId, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以调整服务团队成员");
        var (team, path) = await FindAsync(teamId, ct);
        var member = await db.ServiceTeamMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.TeamId == team.Id, ct)
            ?? throw RuleViolation.NotFound($"团队中没有成员 {memberId}");
        db.ServiceTeamMembers.Remove(member);
        audit.Record("request.team-member-remove", nameof(ServiceTeam), team.Id, path, new { member = member.Id, name = member.Name, role = member.Role.ToString() });
        await db.SaveChangesAsync(ct);
    }

    public async Task<PairedHousehold> PairAsync(long teamId, PairHousehold request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以安排结对帮扶");
        var (team, _) = await FindAsync(teamId, ct);
        var head = (request.HeadName ?? string.Empty).Trim();
        var address = (request.Address ?? string.Empty).Trim();
        var phone = new string((request.Phone ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        var reason = (request.Reason ?? string.Empty).Trim();
        var today = ChinaTime.Today(clock);
        new FieldErrors()
            .Check(head.Length is > 0 and <= 20, "headName", "请填写户主姓名（不超过20字）")
            .Check(phone.Length == 0 || phone.Length is >= 7 and <= 20, "phone", "电话只能是 7 到 20 位数字")
            .Check(address.Length is > 0 and <= 100, "address", "请填写住址（不超过100字）")
            .Check(request.Size is >= 1 and <= 30, "size", "请填写家庭人口（1 到 30 人）")
            .Check(reason.Length is > 0 and <= PairedHousehold.ReasonMax, "reason", $"请填写困难原因，如因病、因学、缺劳力（不超过{PairedHousehold.ReasonMax}字）")
            .Check(request.PairedOn is { } on && on >= team.FormedOn && on <= today, "pairedOn", $"结对日期应在团队组建（{ChinaTime.ChineseDate(team.FormedOn)}）之后，不晚于今天")
            .ThrowIfAny();
        var village = await scope.OrganizationAsync(request.OrganizationId, ct);
        var teamPath = await db.Organizations.Where(o => o.Id == team.OrganizationId).Select(o => o.Path).FirstAsync(ct);
        if (!village.Path.StartsWith(teamPath, StringComparison.Ordinal) || !await VillageOrganizations.IsActiveAsync(db, village.Id, ct))
        {
            throw RuleViolation.Invalid($"请选择团队服务范围内的村（社区）：{village.Name}不是", "organizationId");
        }
        var household = new PairedHousehold
        {
            TeamId = team.Id, OrganizationId = village.Id, HeadName = pii.Encrypt(head), Phone = phone.Length > 0 ? pii.Encrypt(phone) : null, Address = pii.Encrypt(address),
            Size = request.Size!.Value, Reason = reason, PairedOn = request.PairedOn!.Value,
        };
        await using var work = await db.BeginWorkAsync(ct);
        db.PairedHouseholds.Add(household);
        await db.SaveChangesAsync(ct);
        // Audited without the household's name, phone or address.
        audit.Record("request.household", nameof(PairedHousehold), household.Id, village.Path, new { team = team.Id, size = household.Size, reason, paired = household.PairedOn });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return household;
    }

    public async Task<PairedHousehold> EndAsync(long householdId, EndHousehold request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以结束结对帮扶");
        var (household, path) = await HouseholdAsync(householdId, ct);
        if (household.EndedOn is not null)
        {
            throw new RuleViolation("这一户的结对帮扶已经结束");
        }
        var reason = (request.Reason ?? string.Empty).Trim();
        var last = await db.HouseholdVisits.Where(v => v.HouseholdId == household.Id).MaxAsync(v => (DateOnly?)v.On, ct) ?? household.PairedOn;
        new FieldErrors()
            .Check(request.On is { } on && on >= last && on <= ChinaTime.Today(clock), "on", $"结束日期不早于{ChinaTime.ChineseDate(last)}（结对或最近一次走访），不晚于今天")
            .Check(reason.Length is > 0 and <= PairedHousehold.ReasonMax, "reason", "请填写结束原因，如已脱贫、已搬迁")
            .ThrowIfAny();
        household.EndedOn = request.On;
        household.EndReason = reason;
        audit.Record("request.household-end", nameof(PairedHousehold), household.Id, path, new { end = household.EndedOn, reason });
        await db.SaveChangesAsync(ct);
        return household;
    }

    public async Task<HouseholdVisit> VisitAsync(long householdId, RecordVisit request, CancellationToken ct = default)
    {
        var (household, path) = await HouseholdAsync(householdId, ct);
        var visitors = (request.Visitors ?? string.Empty).Trim();
        var notes = (request.Notes ?? string.Empty).Trim();
        var until = household.EndedOn ?? ChinaTime.Today(clock);
        new FieldErrors()
            .Check(request.On is { } on && on >= household.PairedOn && on <= until, "on", $"走访日期应在结对期间：{ChinaTime.ChineseDate(household.PairedOn)}至{ChinaTime.ChineseDate(until)}")
            .Check(visitors.Length is > 0 and <= HouseholdVisit.VisitorsMax, "visitors", "请填写走访的团队成员")
            .Check(notes.Length is > 0 and <= HouseholdVisit.NotesMax, "notes", $"请填写走访情况和帮扶内容（不超过{HouseholdVisit.NotesMax}字）")
            .Check(Enum.IsDefined(request.Help), "help", "请选择帮扶类别")
            .Check(request.Amount is null or (> 0 and <= 10_000_000m), "amount", "金额（元）应大于 0")
            .ThrowIfAny();
        var visit = new HouseholdVisit
        {
            HouseholdId = household.Id, On = request.On!.Value, Visitors = visitors, Notes = notes, Help = request.Help, Amount = request.Amount,
            UserName = scope.UserName ?? "system", At = clock.GetUtcNow().UtcDateTime,
        };
        await using var work = await db.BeginWorkAsync(ct);
        db.HouseholdVisits.Add(visit);
        await db.SaveChangesAsync(ct);
        audit.Record("request.visit", nameof(PairedHousehold), household.Id, path, new { visit = visit.Id, on = visit.On, help = visit.Help.ToString(), amount = visit.Amount });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return visit;
    }

    /// <summary>A household's name, phone and address in full — for a visit or a call — audited as who saw whose details.</summary>
    public async Task<RevealedHousehold> RevealAsync(long householdId, CancellationToken ct = default)
    {
        var (household, path) = await HouseholdAsync(householdId, ct);
        audit.Record("request.household-reveal", nameof(PairedHousehold), household.Id, path, new { team = household.TeamId });
        await db.SaveChangesAsync(ct);
        return new RevealedHousehold(pii.Decrypt(household.HeadName), pii.DecryptOrNull(household.Phone), pii.Decrypt(household.Address));
    }

    private async Task<(ServiceTeam Team, string Path)> FindAsync(long id, CancellationToken ct)
    {
        var found = await (await TeamsAsync(ct)).Select(t => new { Team = t, t.Organization!.Path }).FirstOrDefaultAsync(t => t.Team.Id == id, ct)
            ?? throw RuleViolation.NotFound($"服务团队 {id} 不存在或不在您的管理范围内");
        return (found.Team, found.Path);
    }

    private async Task<(PairedHousehold Household, string Path)> HouseholdAsync(long id, CancellationToken ct)
    {
        scope.User.Require(Policies.RequestStaff, "结对帮扶由县乡党委和村党组织管理");
        var path = await scope.PathAsync(ct);
        var found = await db.PairedHouseholds.Where(h => h.Id == id && h.Organization!.Path.StartsWith(path)).Select(h => new { Household = h, h.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"结对户 {id} 不存在或不在您的管理范围内");
        return (found.Household, found.Path);
    }

    private async Task<IQueryable<ServiceTeam>> TeamsAsync(CancellationToken ct)
    {
        scope.User.Require(Policies.RequestStaff, "服务团队由县乡党委和村党组织管理");
        var path = await scope.PathAsync(ct);
        return db.ServiceTeams.Where(t => t.Organization!.Path.StartsWith(path));
    }

    private (DateOnly From, DateOnly Today) Year()
    {
        var today = ChinaTime.Today(clock);
        return (new DateOnly(today.Year, 1, 1), today);
    }
}
