using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Requests;

/// <summary>A request: what, where, who holds it, its steps; pass it down, note it, close it (or reopen it by a note).</summary>
[Authorize(Policy = Policies.RequestStaff)]
public sealed class DetailsModel(RequestQueries queries, Scope scope, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public RequestDetails Item { get; private set; } = null!;

    public IReadOnlyList<OrganizationChoice> Below { get; private set; } = [];

    public string? Message { get; private set; }

    public RequestContact? Contact { get; private set; }

    public async Task<IActionResult> OnPostContactAsync(long id, CancellationToken ct)
    {
        Contact = await queries.ContactAsync(id, ct);
        return await OnGetAsync(id, ct);
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Item = await queries.DetailsAsync(id, ct);
        var holder = await scope.OrganizationAsync(Item.OrganizationId, ct);
        Below = await OrganizationChoices.TreeAsync((await scope.OrganizationsAsync(ct))
            .Where(o => o.Status == Core.Organizations.OrganizationStatus.Active && o.Id != holder.Id && o.Path.StartsWith(holder.Path)), ct);
        return Page();
    }

    public async Task<IActionResult> OnGetPhotoAsync(long id, long photoId, [FromServices] FileStore files, CancellationToken ct)
    {
        var (content, name) = await queries.PhotoAsync(id, photoId, files, ct);
        return File(content, FileStore.ContentTypeOf(name), name);
    }

    public Task<IActionResult> OnPostAssignAsync(long id, long organizationId, string? notes, [FromServices] ActOnRequestHandler act, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            var r = await act.AssignAsync(id, new AssignRequest(organizationId, notes), ct);
            return localizer["已转办。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostNoteAsync(long id, string? notes, bool close, [FromServices] ActOnRequestHandler act, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            await act.NoteAsync(id, new NoteRequest(notes, close), ct);
            return close ? localizer["已办结，群众可以看到办理结果。"] : localizer["已记录办理情况。"];
        }, new { id }, () => OnGetAsync(id, ct));
}
