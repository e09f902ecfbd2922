using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Audit;

[Authorize(Policy = Policies.AuditReaders)]
public sealed class IndexModel(AuditQueries queries, PingyiDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public Paged<AuditRow>? Results { get; private set; }

    public AuditChain.Verification? Verification { get; private set; }

    public bool CanVerify => User.IsInRole(Roles.SystemAdministrator) || User.IsInRole(Roles.DisciplineInspection);

    /// <summary>The names of the objects on this page, for <see cref="AuditPresentation.Object"/>.</summary>
    public IReadOnlyDictionary<(string, string), string> Names { get; private set; } = new Dictionary<(string, string), string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Results = await queries.ListAsync(new AuditFilter(EntityType, EntityId, UserName, Action, From, To, PageNumber, 50), ct);
        Names = await AuditPresentation.NamesAsync(db, Results.Items, ct);
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        if (!CanVerify)
        {
            return Forbid();
        }
        Verification = await AuditChain.VerifyAsync(db, ct);
        await OnGetAsync(ct);
        return Page();
    }
}
