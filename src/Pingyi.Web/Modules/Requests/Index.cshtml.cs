using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Requests;

/// <summary>群众诉求: the requests held in scope (searched, filtered, paged), the staff's form for a request from a grid group or in person, the Open311 keys.</summary>
[Authorize(Policy = Policies.RequestStaff)]
public sealed class IndexModel(RequestQueries queries, RequestServices services, RequestTracking tracking, GridGroups grids, Scope scope, TimeProvider clock,
    IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true)] public RequestStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)] public string? Service { get; set; }

    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<RequestRow> Requests { get; private set; } = null!;

    public IReadOnlyList<ServiceType> Services => services.All;

    public IReadOnlyList<(long Id, string Name)> Townships { get; private set; } = [];

    public IReadOnlyList<Open311KeyView> Keys { get; private set; } = [];

    public IReadOnlyList<GridChoice> Groups { get; private set; } = [];

    public RequestRatings Ratings { get; private set; } = null!;

    public bool CanKeepKeys => User.Allows(Policies.SettingsKeepers);

    /// <summary>A key just issued, shown once.</summary>
    public string? NewKey { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Requests = await queries.ListAsync(new RequestFilter(Q, Status, Service, Overdue, PageNumber), ct);
        var inScope = (await scope.OrganizationsAsync(ct)).Select(o => o.Id).ToHashSet();
        Townships = [.. (await services.TownshipsAsync(ct)).Where(t => inScope.Contains(t.Id))];
        Keys = CanKeepKeys ? await queries.KeysAsync(ct) : [];
        Groups = await grids.ChoicesAsync(ct);
        Ratings = await tracking.RatingsAsync(await scope.PathAsync(ct), ChinaTime.Today(clock).Year, ct);
        return Page();
    }

    public Task<IActionResult> OnPostFileAsync(string? serviceCode, long? township, string? description, string? address, long? gridGroupId, string? name, string? phone,
        [FromServices] FileRequestHandler file, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            var attributes = new Dictionary<string, string[]> { [RequestServices.TownshipAttribute] = township is { } t ? [t.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [] };
            var filed = await file.HandleAsync(new FileRequest(serviceCode, description, address, null, null, attributes, name, phone, null, RequestSource.Staff, gridGroupId), null, ct);
            return localizer["已登记诉求 {0}。请把查询码 {1} 告诉群众，凭它在网上查看办理情况和评价（只显示这一次）。", filed.Request.Id, filed.TrackingCode!];
        }, new { }, () => OnGetAsync(ct));

    public async Task<IActionResult> OnPostKeyAsync(string? keyName, CancellationToken ct)
    {
        if (!CanKeepKeys)
        {
            return Forbid();
        }
        try
        {
            NewKey = (await queries.IssueKeyAsync(keyName, ct)).Secret;
        }
        catch (RuleViolation e)
        {
            Refuse(e);
        }
        return await OnGetAsync(ct);
    }

    public Task<IActionResult> OnPostRevokeAsync(long keyId, CancellationToken ct) =>
        this.RunAsync(CanKeepKeys, async () =>
        {
            await queries.RevokeKeyAsync(keyId, ct);
            return localizer["已吊销密钥。"];
        }, new { }, () => OnGetAsync(ct));
}
