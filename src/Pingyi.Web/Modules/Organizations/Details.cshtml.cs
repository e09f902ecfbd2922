using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Organizations;

public sealed class DetailsModel(OrganizationQueries queries, People.PeopleQueries people, Scope scope, PingyiDbContext db, Awards.NomineeRecords awards) : FormPageModel
{
    public IReadOnlyList<Awards.AwardRecord> Awards { get; private set; } = [];

    public OrganizationDetails? Details { get; private set; }

    public string? Message { get; private set; }

    public Paged<People.PersonSummary>? Members { get; private set; }


    public bool CanEdit => User.Allows(Policies.Editors);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Details = await queries.DetailsAsync(id, ct);
        Message = TempData["Message"] as string;
        if (Details is null)
        {
            return NotFound();
        }
        Members = await people.ListAsync(new People.PeopleFilter(null, id, null, null, 1, 20), ct);
        Awards = await awards.OfAsync(id, null, ct);
        return Page();
    }

    public Task<IActionResult> OnPostCreateAsync(long id, string code, string name, OrganizationLevel level, OrganizationCategory category, DateOnly? effectiveOn, [FromServices] CreateOrganizationHandler handler, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var created = await handler.HandleAsync(new CreateOrganization(code, name, level, category, id, effectiveOn), ct);
            return $"已新建“{created.Name}”";
        }, ct);

    public Task<IActionResult> OnPostRenameAsync(long id, string name, DateOnly? effectiveOn, string? reason, [FromServices] RenameOrganizationHandler handler, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            await handler.HandleAsync(id, new RenameOrganization(name, effectiveOn, reason), ct);
            return $"已更名为“{name.Trim()}”";
        }, ct);

    public Task<IActionResult> OnPostMoveAsync(long id, string targetCode, DateOnly? effectiveOn, string? reason, [FromServices] MoveOrganizationHandler handler, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var target = await scope.OrganizationIdAsync(targetCode, ct);
            await handler.HandleAsync(id, new MoveOrganization(target, effectiveOn, reason), ct);
            return "已迁移";
        }, ct);

    public Task<IActionResult> OnPostMergeAsync(long id, string targetCode, DateOnly? effectiveOn, string? reason, [FromServices] MergeOrganizationHandler handler, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var target = await scope.OrganizationIdAsync(targetCode, ct);
            await handler.HandleAsync(id, new MergeOrganization(target, effectiveOn, reason), ct);
            return "已合并";
        }, ct);

    public Task<IActionResult> OnPostDissolveAsync(long id, DateOnly? effectiveOn, string? reason, [FromServices] DissolveOrganizationHandler handler, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            await handler.HandleAsync(id, new DissolveOrganization(effectiveOn, reason), ct);
            return "已撤销";
        }, ct);

    private Task<IActionResult> RunAsync(long id, Func<Task<string>> action, CancellationToken ct) =>
        this.RunAsync(CanEdit, action, new { id }, async () =>
        {
            db.ChangeTracker.Clear();
            Details = await queries.DetailsAsync(id, ct);
            return Details is null ? NotFound() : Page();
        });

    public static string EventName(OrganizationEventKind kind) => kind switch
    {
        OrganizationEventKind.Created => "成立",
        OrganizationEventKind.Renamed => "更名",
        OrganizationEventKind.Moved => "迁移",
        OrganizationEventKind.MergedInto => "并入",
        OrganizationEventKind.Absorbed => "接收合并",
        OrganizationEventKind.Dissolved => "撤销",
        _ => "变更",
    };
}
