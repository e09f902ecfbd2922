using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.People;

public sealed class DetailsModel(PeopleQueries queries, Scope scope, PingyiDbContext db, Meetings.MeetingQueries meetings, Awards.NomineeRecords awards, Pingyi.Web.Modules.Membership.MembershipQueries membership) : FormPageModel
{
    public IReadOnlyList<Awards.AwardRecord> Awards { get; private set; } = [];

    public IReadOnlyList<Meetings.RecordedResult> Evaluations { get; private set; } = [];

    /// <summary>The person's way into the party (发展党员), each step with its document.</summary>
    public IReadOnlyList<Pingyi.Web.Modules.Membership.DevelopmentView> Developments { get; private set; } = [];

    public PersonDetails? Details { get; private set; }

    public string? Message { get; private set; }


    public bool CanEdit => User.Allows(Policies.Editors);

    public string? CurrentOrganizationCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Details = await queries.DetailsAsync(id, ct);
        Message = TempData["Message"] as string;
        if (Details is not null)
        {
            Evaluations = await meetings.RecordOfAsync(id, ct);
            Awards = await awards.OfAsync(null, id, ct);
            Developments = await membership.OfPersonAsync(id, ct);
        }
        if (Details?.Person.OrganizationId is { } orgId)
        {
            CurrentOrganizationCode = await db.Organizations.Where(o => o.Id == orgId).Select(o => o.Code).FirstOrDefaultAsync(ct);
        }
        return Details is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostUpdateAsync(long id, string name, string? phone, MemberStatus memberStatus, DateOnly? joinedOn, DateOnly? confirmedOn,
        string? representatives, EducationLevel? education, [FromServices] UpdatePersonHandler handler, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            if (!PersonNames.TryParseRepresentativeRoles(representatives, out var roles))
            {
                throw RuleViolation.Invalid("两代表一委员只能填：党代表、人大代表、政协委员", "representatives");
            }
            await handler.HandleAsync(id, new UpdatePerson(name, string.IsNullOrWhiteSpace(phone) ? null : phone, memberStatus, joinedOn, confirmedOn, roles, education), ct);
            return "已保存";
        }, ct);

    public Task<IActionResult> OnPostTransferAsync(long id, string targetCode, DateOnly? effectiveOn, string? reason, [FromServices] TransferPersonHandler handler, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            await handler.HandleAsync(id, new TransferPerson(await scope.OrganizationIdAsync(targetCode, ct), effectiveOn, reason), ct);
            return "已转接组织关系";
        }, ct);

    public Task<IActionResult> OnPostAssignAsync(long id, string organizationCode, PositionTitle title, DateOnly? termStart, [FromServices] AssignPositionHandler handler, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            await handler.HandleAsync(id, new AssignPosition(await scope.OrganizationIdAsync(organizationCode, ct), title, termStart), ct);
            return $"已任命为{title.Chinese()}";
        }, ct);

    public Task<IActionResult> OnPostEndAsync(long id, long positionId, DateOnly? termEnd, [FromServices] EndPositionHandler handler, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            await handler.HandleAsync(id, positionId, new EndPosition(termEnd), ct);
            return "已免去职务";
        }, ct);

    private Task<IActionResult> RunAsync(long id, Func<Task<string>> action, CancellationToken ct) =>
        this.RunAsync(CanEdit, action, new { id }, async () =>
        {
            db.ChangeTracker.Clear();
            Details = await queries.DetailsAsync(id, ct);
            return Details is null ? NotFound() : Page();
        });
}
