using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>Writes a commitment, or rewrites a draft (one sent back shows why): the items as rows, spare rows left blank.</summary>
[Authorize(Policy = Policies.CommitmentMakers)]
public sealed class EditModel(CommitmentQueries queries, Scope scope, TimeProvider clock, Data.PingyiDbContext db) : FormPageModel
{
    /// <summary>Rows offered beyond the commitment's own items, left blank to add one.</summary>
    public const int SpareRows = 3;

    public long? Id { get; private set; }

    public CommitmentView? Existing { get; private set; }

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public static readonly string[] Categories = ["阵地建设", "队伍建设", "制度建设", "发展经济", "服务群众", "乡风文明", "基层治理"];

    [BindProperty] public long OrganizationId { get; set; }

    [BindProperty] public int Year { get; set; }

    [BindProperty] public int? TermEndYear { get; set; }

    [BindProperty] public string? Title { get; set; }

    /// <summary>For a member's commitment (党员承诺): the member's name in the organization; blank for the organization's own.</summary>
    [BindProperty] public string? PersonName { get; set; }

    [BindProperty] public List<CommitmentItemInput> Items { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (id is { } known)
        {
            Existing = await queries.GetAsync(known, ct);
            if (Existing is null)
            {
                return NotFound();
            }
            (Id, OrganizationId, Year, TermEndYear, Title, PersonName) = (known, Existing.OrganizationId, Existing.Year, Existing.TermEndYear, Existing.Title, Existing.PersonName);
            Items = [.. Existing.Items.Select(i => new CommitmentItemInput(i.Target, i.Category, i.Deadline, i.Weight))];
        }
        else
        {
            Year = ChinaTime.Today(clock).Year + (ChinaTime.Today(clock).Month >= 11 ? 1 : 0);
            OrganizationId = scope.OrganizationId ?? 0;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, [FromServices] SaveCommitmentHandler save, CancellationToken ct)
    {
        // Blank rows are the spare ones; the rest are the items.
        var items = Items.Where(i => !string.IsNullOrWhiteSpace(i.Target) || !string.IsNullOrWhiteSpace(i.Category) || i.Deadline is not null || i.Weight is not null).ToList();
        try
        {
            var request = new SaveCommitment(OrganizationId, await People.MemberByName.FindAsync(db, scope, OrganizationId, PersonName, "personName", ct), Year, TermEndYear, Title, items);
            var saved = id is { } known ? await save.UpdateAsync(known, request, ct) : await save.CreateAsync(request, ct);
            TempData["Message"] = "已保存草稿。检查无误后请“报诺”，提交上级党组织定诺。";
            return Redirect($"/Commitments/Details/{saved.Id}");
        }
        catch (RuleViolation e) when (e.StatusCode != StatusCodes.Status404NotFound)
        {
            Refuse(e);
            Id = id;
            Items = items;
            Existing = id is { } known ? await queries.GetAsync(known, ct) : null;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        // Every active organization with a superior to approve its commitments (not the top of the caller's tree when it has none).
        Organizations = await OrganizationChoices.TreeAsync(organizations.Where(o => o.Status == Core.Organizations.OrganizationStatus.Active
            && o.ParentId != null && o.Level != Core.Organizations.OrganizationLevel.PartyGroup), ct);
        while (Items.Count < Math.Max(3, Items.Count(i => !string.IsNullOrWhiteSpace(i.Target)) + SpareRows) && Items.Count < SaveCommitmentHandler.MaxItems)
        {
            Items.Add(new CommitmentItemInput(null, null, null, null));
        }
    }
}
