using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;

namespace Pingyi.Web.Modules.Organizations;

/// <summary>
/// The village (community) party organizations — 村（社区）党组织, one per village or community: of the village or community category,
/// a branch or a general branch, and not below another such organization (a large village's general branch is the village; its
/// branches and the party groups below are not further villages). What venues, pairing, open affairs, stationed cadres, 十最 and the
/// statistics count as villages.
/// </summary>
public static class VillageOrganizations
{
    public static readonly Expression<Func<Organization, bool>> Is = o =>
        (o.Category == OrganizationCategory.Village || o.Category == OrganizationCategory.Community)
        && (o.Level == OrganizationLevel.Branch || o.Level == OrganizationLevel.GeneralBranch)
        && (o.Parent == null || (o.Parent.Category != OrganizationCategory.Village && o.Parent.Category != OrganizationCategory.Community));

    /// <summary>The active village organizations among <paramref name="organizations"/>.</summary>
    public static IQueryable<Organization> Active(IQueryable<Organization> organizations) =>
        organizations.Where(o => o.Status == OrganizationStatus.Active).Where(Is);

    /// <summary>Whether the organization is an active village (community) organization.</summary>
    public static Task<bool> IsActiveAsync(Data.PingyiDbContext db, long id, CancellationToken ct) => Active(db.Organizations).AnyAsync(o => o.Id == id, ct);
}
