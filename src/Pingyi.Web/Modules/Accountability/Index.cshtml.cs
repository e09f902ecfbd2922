using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>问责与激励: the year's figures, the decisions and the notes (searched, paged), the forms that record them, the lists in force.</summary>
[Authorize(Policy = Policies.CadreSupervisors)]
public sealed class IndexModel(AccountabilityQueries queries, AccountabilityAccess access, PingyiDbContext db, Scope scope, TimeProvider clock,
    IStringLocalizer<UiText> localizer) : FormPageModel
{
    public sealed record Uncovered(long Id, long PersonId, string Label);

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true)] public bool InEffect { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    [BindProperty(SupportsGet = true)] public CadreNoteKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "notesPage")] public int? NotesPage { get; set; }

    public int ThisYear { get; private set; }

    public AccountabilitySummary Summary { get; private set; } = null!;

    public Paged<AccountabilityView> Records { get; private set; } = null!;

    public Paged<CadreNoteView> Notes { get; private set; } = null!;

    public AccountabilityAccess.Lists Lists { get; private set; } = null!;

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    /// <summary>Project accountabilities in scope no tolerated mistake covers yet (a tolerated mistake may name one).</summary>
    public IReadOnlyList<Uncovered> ProjectAccountabilities { get; private set; } = [];

    public bool CanPublishLists => User.Allows(Policies.Selectors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Year = Year is { } y && Years.Valid(y) ? y : ThisYear;
        Message ??= TempData["Message"] as string;
        Summary = await queries.SummaryAsync(Year.Value, ct);
        Records = await queries.RecordsAsync(new AccountabilityFilter(Q, InEffect, PageNumber), ct);
        Notes = await queries.NotesAsync(Kind, Q, NotesPage, null, ct);
        Lists = await access.CurrentAsync(ct);
        var organizations = await scope.OrganizationsAsync(ct);
        Organizations = await OrganizationChoices.TreeAsync(organizations.Where(o => o.Status == OrganizationStatus.Active), ct);
        ProjectAccountabilities = [.. (await db.ProjectAccountabilities
                .Where(a => !db.CadreNotes.Any(n => n.ProjectAccountabilityId == a.Id)
                    && db.People.Any(p => p.Id == a.LeaderPersonId && organizations.Any(o => o.Id == p.OrganizationId)))
                .OrderByDescending(a => a.CreatedAt).Take(200)
                .Select(a => new { a.Id, a.LeaderPersonId, Leader = db.People.Where(p => p.Id == a.LeaderPersonId).Select(p => p.Name).First(),
                    Project = db.Projects.Where(p => p.Id == a.ProjectId).Select(p => p.Name).First(), a.DaysLate, a.CreatedAt })
                .ToListAsync(ct))
            .Select(a => new Uncovered(a.Id, a.LeaderPersonId, localizer["{0}：{1}延误 {2} 天（{3}）", a.Leader, a.Project, a.DaysLate, ChinaTime.DateTimeText(a.CreatedAt)]))];
        return Page();
    }

    public Task<IActionResult> OnPostRecordAsync(long organizationId, string? personName, int? situation, int? measure, string? document, string? facts, DateOnly? decidedOn,
        [FromServices] RecordAccountabilityHandler record, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            var person = await People.MemberByName.FindAsync(db, scope, organizationId, personName, "personName", ct) ?? throw RuleViolation.Invalid("请填写被问责干部的姓名", "personName");
            var saved = await record.HandleAsync(new RecordAccountability(person, situation, measure, document, facts, decidedOn), ct);
            return saved.EffectUntil is { } until
                ? localizer["已记录对{0}的问责（{1}），影响期至{2}。", personName!.Trim(), saved.Measure, ChinaTime.Date(until)]
                : localizer["已记录对{0}的问责（{1}）。", personName!.Trim(), saved.Measure];
        }, new { }, () => OnGetAsync(ct));

    public Task<IActionResult> OnPostNoteAsync(long organizationId, string? personName, CadreNoteKind kind, DateOnly? on, string? reasons, long? projectAccountabilityId,
        [FromServices] RecordCadreNoteHandler note, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            long person;
            if (projectAccountabilityId is { } covered && string.IsNullOrWhiteSpace(personName))
            {
                // The tolerated mistake of a project accountability is the project leader's.
                person = await db.ProjectAccountabilities.Where(a => a.Id == covered).Select(a => (long?)a.LeaderPersonId).FirstOrDefaultAsync(ct)
                    ?? throw RuleViolation.Invalid("所选项目问责不存在", "projectAccountabilityId");
            }
            else
            {
                person = await People.MemberByName.FindAsync(db, scope, organizationId, personName, "personName", ct) ?? throw RuleViolation.Invalid("请填写干部的姓名", "personName");
            }
            await note.HandleAsync(new RecordCadreNote(person, kind, on, reasons, projectAccountabilityId), ct);
            return localizer["已记录{0}。", localizer[AccountabilityText.Kind(kind)]];
        }, new { }, () => OnGetAsync(ct));
}
