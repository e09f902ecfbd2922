namespace Pingyi.Web.Modules.Organizations;

/// <summary>An organization offered in a selector (its name may be indented to show depth).</summary>
public sealed record OrganizationChoice(long Id, string Name);

/// <summary>Organizations for a picker: in tree order (each followed by its children), indented by depth.</summary>
public static class OrganizationChoices
{
    /// <summary>Active committees and general branches: the organizations that host meetings, own schemes and issue documents.</summary>
    public static IQueryable<Organization> Committees(this IQueryable<Organization> organizations) =>
        organizations.Where(o => o.Status == Core.Organizations.OrganizationStatus.Active
            && o.Level != Core.Organizations.OrganizationLevel.Branch && o.Level != Core.Organizations.OrganizationLevel.PartyGroup);

    public static async Task<IReadOnlyList<OrganizationChoice>> TreeAsync(IQueryable<Organization> organizations, CancellationToken ct, int max = 3000)
    {
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            organizations.Select(o => new { o.Id, o.Name, o.ParentId, o.SortOrder }).Take(max), ct);
        return [.. Infrastructure.TreeOrder.Sort(rows, r => r.Id, r => r.ParentId, r => r.SortOrder, r => r.Name)
            .Select(x => new OrganizationChoice(x.Item.Id, new string('　', x.Depth) + x.Item.Name))];
    }
}
