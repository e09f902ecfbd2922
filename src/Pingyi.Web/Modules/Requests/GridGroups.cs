using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Requests;

/// <summary>The four levels of grid groups (seed 003: 四级微信群 — county, township, village, villagers' group).</summary>
public enum GridLevel
{
    County = 0,
    Township = 1,
    Village = 2,
    Group = 3,
}

/// <summary>
/// A grid group (网格群): a chat group of members and residents run by a county or township committee or a village branch, one level
/// below its parent group; its headcount and its keeper (群主). Residents' requests name the group they came from.
/// </summary>
public sealed class GridGroup
{
    public const int NameMax = 50;
    public const int KeeperMax = 20;

    /// <summary>The most members one chat group can hold (a WeChat group's limit).</summary>
    public const int MostMembers = 500;

    public long Id { get; set; }

    public required string Name { get; set; }

    public GridLevel Level { get; set; }

    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public long? ParentId { get; set; }

    public int Members { get; set; }

    public string? Keeper { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class GridGroupConfiguration : IEntityTypeConfiguration<GridGroup>
{
    public void Configure(EntityTypeBuilder<GridGroup> b)
    {
        b.HasIndex(x => x.OrganizationId);
        b.HasIndex(x => new { x.ParentId, x.Name }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(GridGroup.NameMax);
        b.Property(x => x.Keeper).HasMaxLength(GridGroup.KeeperMax);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        // NO ACTION, checked at the end of a statement: dropping the table (a rollback of the migration) deletes parents and children together.
        b.HasOne<GridGroup>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.NoAction);
    }
}

/// <summary>A grid group registered or changed: the group above (none for the county's), the organization running it, name, headcount, keeper.</summary>
public sealed record SaveGridGroup(long? ParentId, long OrganizationId, string? Name, int? Members, string? Keeper);

public sealed record GridGroupRow(long Id, string Name, GridLevel Level, long? ParentId, string? Parent, long OrganizationId, string Organization, int Members, string? Keeper,
    int OpenRequests, int ClosedRequests);

/// <summary>The groups in scope by level (groups and people) and all of them.</summary>
public sealed record GridSummary(IReadOnlyList<GridLevelCount> Levels, int Groups, int Members, int Requests, int Closed);

/// <summary>One level's groups and the people in them.</summary>
public sealed record GridLevelCount(GridLevel Level, int Groups, int Members);

/// <summary>A group to pick when filing a request.</summary>
public sealed record GridChoice(long Id, string Name, GridLevel Level);

/// <summary>
/// The registry of grid groups within the caller's scope: the organization department and townships' administrators register a
/// group one level below its parent (county → township → village → villagers' group), run by an organization of the level the
/// group stands for within the parent's organization; the headcount within a chat group's limit; audited. Staff read it.
/// </summary>
public sealed class GridGroups(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public static string LevelName(GridLevel level) => level switch
    {
        GridLevel.County => "县级群",
        GridLevel.Township => "乡镇级群",
        GridLevel.Village => "村级群",
        _ => "组级群",
    };

    public async Task<GridSummary> SummaryAsync(CancellationToken ct = default)
    {
        var groups = await InScopeAsync(ct);
        var levels = await groups.GroupBy(g => g.Level).Select(x => new { x.Key, Groups = x.Count(), Members = x.Sum(g => g.Members) }).ToListAsync(ct);
        var requests = await (from r in db.ServiceRequests join g in groups on r.GridGroupId equals g.Id select r.Status).GroupBy(s => s)
            .Select(x => new { x.Key, Count = x.Count() }).ToListAsync(ct);
        return new GridSummary([.. Enum.GetValues<GridLevel>().Select(l => new GridLevelCount(l, levels.FirstOrDefault(x => x.Key == l)?.Groups ?? 0, levels.FirstOrDefault(x => x.Key == l)?.Members ?? 0))],
            levels.Sum(x => x.Groups), levels.Sum(x => x.Members), requests.Sum(x => x.Count), requests.FirstOrDefault(x => x.Key == RequestStatus.Closed)?.Count ?? 0);
    }

    public async Task<Paged<GridGroupRow>> ListAsync(string? search, GridLevel? level, int? page, CancellationToken ct = default)
    {
        var (number, size) = Paging.Normalize(page, 50, 50);
        var groups = await InScopeAsync(ct);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var q = search.Trim();
            groups = groups.Where(g => g.Name.Contains(q) || g.Organization!.Name.Contains(q) || (g.Keeper != null && g.Keeper.Contains(q)));
        }
        if (level is { } l)
        {
            groups = groups.Where(g => g.Level == l);
        }
        var total = await groups.CountAsync(ct);
        var rows = await groups.OrderBy(g => g.Organization!.Path).ThenBy(g => g.Level).ThenBy(g => g.Name).Skip((number - 1) * size).Take(size)
            .Select(g => new { g.Id, g.Name, g.Level, g.ParentId, Parent = db.GridGroups.Where(p => p.Id == g.ParentId).Select(p => p.Name).FirstOrDefault(), g.OrganizationId,
                Organization = g.Organization!.Name, g.Members, g.Keeper })
            .ToListAsync(ct);
        var ids = rows.Select(r => (long?)r.Id).ToList();
        var counts = await db.ServiceRequests.Where(r => ids.Contains(r.GridGroupId)).GroupBy(r => new { r.GridGroupId, r.Status })
            .Select(x => new { x.Key.GridGroupId, x.Key.Status, Count = x.Count() }).ToListAsync(ct);
        int Count(long id, RequestStatus status) => counts.FirstOrDefault(c => c.GridGroupId == id && c.Status == status)?.Count ?? 0;
        return new Paged<GridGroupRow>([.. rows.Select(r => new GridGroupRow(r.Id, r.Name, r.Level, r.ParentId, r.Parent, r.OrganizationId, r.Organization, r.Members, r.Keeper,
            Count(r.Id, RequestStatus.Open), Count(r.Id, RequestStatus.Closed)))], number, size, total);
    }

    /// <summary>The groups a request filed with the township <paramref name="townshipId"/> may come from (those of its subtree), or all in scope.</summary>
    public async Task<IReadOnlyList<GridChoice>> ChoicesAsync(CancellationToken ct = default) =>
        await (await InScopeAsync(ct)).OrderBy(g => g.Organization!.Path).ThenBy(g => g.Level).ThenBy(g => g.Name).Select(g => new GridChoice(g.Id, g.Name, g.Level)).ToListAsync(ct);

    public async Task<GridGroup> AddAsync(SaveGridGroup request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以登记网格群");
        var (name, keeper) = Check(request);
        var organization = await scope.OrganizationAsync(request.OrganizationId, ct);
        GridGroup? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.GridGroups.Include(g => g.Organization).FirstOrDefaultAsync(g => g.Id == parentId, ct)
                ?? throw RuleViolation.Invalid("上级网格群不存在", "parentId");
            if (parent.Level == GridLevel.Group)
            {
                throw RuleViolation.Invalid($"{parent.Name}是组级群：网格群只分县、乡镇、村、组四级", "parentId");
            }
            if (!organization.Path.StartsWith(parent.Organization!.Path, StringComparison.Ordinal))
            {
                throw RuleViolation.Invalid($"{organization.Name}不在上级群{parent.Name}所属的{parent.Organization.Name}之下", "organizationId");
            }
        }
        var level = parent is null ? GridLevel.County : parent.Level + 1;
        var fits = level switch
        {
            GridLevel.County => organization.Level == OrganizationLevel.CountyCommittee,
            GridLevel.Township => organization.Level == OrganizationLevel.TownshipCommittee,
            GridLevel.Village => await VillageOrganizations.IsActiveAsync(db, organization.Id, ct),
            _ => true,
        };
        if (!fits)
        {
            var wanted = level switch
            {
                GridLevel.County => "县委",
                GridLevel.Township => "乡镇党委",
                _ => "村（社区）党组织",
            };
            throw RuleViolation.Invalid(parent is null ? $"没有上级群的是县级群，应由县委建立：{organization.Name}不是县委" : $"{LevelName(level)}应由{wanted}建立：{organization.Name}不是{wanted}", "organizationId");
        }
        if (await db.GridGroups.AnyAsync(g => g.ParentId == request.ParentId && g.Name == name, ct))
        {
            throw RuleViolation.Invalid($"{(parent is null ? "县级群" : parent.Name + "下")}已有名为“{name}”的群", "name");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var group = new GridGroup { Name = name, Level = level, OrganizationId = organization.Id, ParentId = parent?.Id, Members = request.Members!.Value, Keeper = keeper, CreatedAt = now, UpdatedAt = now };
        await using var work = await db.BeginWorkAsync(ct);
        db.GridGroups.Add(group);
        await db.SaveChangesAsync(ct);
        audit.Record("request.grid", nameof(GridGroup), group.Id, organization.Path, new { name, level = level.ToString(), members = group.Members, parent = parent?.Id });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return group;
    }

    /// <summary>The headcount, keeper or name changed (a group grows as residents join).</summary>
    public async Task<GridGroup> UpdateAsync(long id, SaveGridGroup request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以修改网格群");
        var found = await (await InScopeAsync(ct)).Select(g => new { Group = g, g.Organization!.Path }).FirstOrDefaultAsync(g => g.Group.Id == id, ct)
            ?? throw RuleViolation.NotFound($"网格群 {id} 不存在或不在您的管理范围内");
        var (name, keeper) = Check(request);
        var group = found.Group;
        if (name != group.Name && await db.GridGroups.AnyAsync(g => g.ParentId == group.ParentId && g.Name == name && g.Id != id, ct))
        {
            throw RuleViolation.Invalid($"同一上级群下已有名为“{name}”的群", "name");
        }
        var before = new { group.Name, group.Members, group.Keeper };
        group.Name = name;
        group.Members = request.Members!.Value;
        group.Keeper = keeper;
        group.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("request.grid-update", nameof(GridGroup), group.Id, found.Path, new { before, name, members = group.Members, keeper });
        await db.SaveChangesAsync(ct);
        return group;
    }

    private static (string Name, string? Keeper) Check(SaveGridGroup request)
    {
        var name = (request.Name ?? string.Empty).Trim();
        var keeper = string.IsNullOrWhiteSpace(request.Keeper) ? null : request.Keeper.Trim();
        new FieldErrors()
            .Check(name.Length is > 0 and <= GridGroup.NameMax, "name", $"请填写群名称（不超过{GridGroup.NameMax}字）")
            .Check(request.Members is >= 0 and <= GridGroup.MostMembers, "members", $"请填写群成员人数（0 到 {GridGroup.MostMembers} 人，一个微信群最多 {GridGroup.MostMembers} 人）")
            .Check(keeper is null || keeper.Length <= GridGroup.KeeperMax, "keeper", $"群主姓名不超过{GridGroup.KeeperMax}字")
            .ThrowIfAny();
        return (name, keeper);
    }

    private async Task<IQueryable<GridGroup>> InScopeAsync(CancellationToken ct)
    {
        scope.User.Require(Policies.RequestStaff, "网格群由县乡党委和村党组织管理");
        var path = await scope.PathAsync(ct);
        return db.GridGroups.Where(g => g.Organization!.Path.StartsWith(path));
    }
}
