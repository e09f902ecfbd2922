using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// The caller's organization subtree. Every query of organizations, people and their data is
/// limited to rows whose organization path starts with <see cref="Path"/>.
/// </summary>
public sealed class Scope(IHttpContextAccessor http, PingyiDbContext db)
{
    public const string OrganizationClaim = "pingyi:org";
    private string? _path;
    private long[]? _ids;

    public ClaimsPrincipal? User => http.HttpContext?.User;

    public string? UserName => User?.Identity?.IsAuthenticated == true ? User.Identity.Name : null;

    /// <summary>The signed-in account's id; null for an anonymous caller or a background job.</summary>
    public long? UserId => long.TryParse(User?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public long? OrganizationId =>
        long.TryParse(User?.FindFirstValue(OrganizationClaim), out var id) ? id : null;

    /// <summary>The subtree path; a caller with no organization sees nothing ("/none/").</summary>
    public async Task<string> PathAsync(CancellationToken ct = default)
    {
        if (_path is not null)
        {
            return _path;
        }
        var path = OrganizationId is { } id
            ? await db.Organizations.Where(o => o.Id == id).Select(o => o.Path).FirstOrDefaultAsync(ct)
            : null;
        return _path = path ?? "/none/";
    }

    public async Task<IQueryable<Organization>> OrganizationsAsync(CancellationToken ct = default)
    {
        var path = await PathAsync(ct);
        return db.Organizations.Where(o => o.Path.StartsWith(path));
    }

    /// <summary>
    /// The ids of the caller's subtree, read once per request (an index range on the path). A test "this organization or
    /// that one is in the subtree" is two index lookups with them; written as path tests on two joined organizations, or an
    /// IN over a subquery, it reads every row of a province's table (docs/query-plans.md).
    /// </summary>
    public async Task<long[]> OrganizationIdsAsync(CancellationToken ct = default) =>
        _ids ??= await (await OrganizationsAsync(ct)).Select(o => o.Id).ToArrayAsync(ct);

    /// <summary>An organization of the caller's subtree; refused as not found otherwise.</summary>
    public async Task<Organization> OrganizationAsync(long id, CancellationToken ct = default) =>
        await (await OrganizationsAsync(ct)).FirstOrDefaultAsync(o => o.Id == id, ct)
        ?? throw RuleViolation.NotFound($"组织 {id} 不存在或不在您的管理范围内");

    /// <summary>The id of the organization with this code in the caller's subtree; refused as not found otherwise.</summary>
    public async Task<long> OrganizationIdAsync(string? code, CancellationToken ct = default)
    {
        var trimmed = (code ?? string.Empty).Trim();
        return await (await OrganizationsAsync(ct)).Where(o => o.Code == trimmed).Select(o => (long?)o.Id).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"组织编码“{trimmed}”不存在或不在您的管理范围内");
    }

    public async Task<bool> ContainsAsync(string organizationPath, CancellationToken ct = default) =>
        organizationPath.StartsWith(await PathAsync(ct), StringComparison.Ordinal);

    public sealed record Node(long Id, string Name, string Path);

    /// <summary>
    /// An organization of the subtree (default: the caller's own) and the organizations directly below it,
    /// in their order — the rows of a dashboard or a bulletin. Refused as not found outside the subtree.
    /// </summary>
    public async Task<(Node Root, IReadOnlyList<Node> Children)> RootAndChildrenAsync(long? rootId, CancellationToken ct = default)
    {
        var id = rootId ?? OrganizationId ?? 0;
        var root = await (await OrganizationsAsync(ct)).Where(o => o.Id == id).Select(o => new Node(o.Id, o.Name, o.Path)).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"组织 {id} 不存在或不在您的管理范围内");
        var children = await db.Organizations.Where(o => o.ParentId == root.Id).OrderBy(o => o.SortOrder).ThenBy(o => o.Id)
            .Select(o => new Node(o.Id, o.Name, o.Path)).ToListAsync(ct);
        return (root, children);
    }

    /// <summary>Lets commands run outside a request (demo, imports from the command line) act on the whole tree.</summary>
    public void UseWholeTree() => _path = "/";
}
