using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Meetings;

public sealed record HostOption(long Id, string Name, OrganizationLevel Level);

public sealed record Candidate(long OrganizationId, string Organization, string? Secretary);

[Authorize(Policy = Policies.Editors)]
public sealed class CreateModel(PingyiDbContext db, Scope scope, CreateSchemeHandler createScheme, CreateMeetingHandler createMeeting, MeetingQueries queries, TimeProvider clock) : FormPageModel
{
    public static readonly RaterGroupRule[] DefaultGroups =
        [new("committee", "县委常委", 40), new("leaders", "部门负责人", 30), new("public", "党员群众代表", 30)];

    public HostOption? Host { get; private set; }

    /// <summary>The ready-made scheme for the host's level, offered when no scheme of the host's fits.</summary>
    public SchemeTemplates.Template Template => SchemeTemplates.For(Host?.Level ?? OrganizationLevel.TownshipCommittee);

    public IReadOnlyList<HostOption> Hosts { get; private set; } = [];

    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    public IReadOnlyList<SchemeSummary> Schemes { get; private set; } = [];

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string Cycle { get; set; } = string.Empty;

    [BindProperty]
    public MeetingDirection Direction { get; set; }

    [BindProperty]
    public DateOnly HeldOn { get; set; }

    [BindProperty]
    public string? Location { get; set; }

    [BindProperty]
    public long SchemeId { get; set; }

    [BindProperty]
    public List<int> Expected { get; set; } = [];

    [BindProperty]
    public List<long> Reporters { get; set; } = [];

    public async Task OnGetAsync(long? hostId, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        HeldOn = today;
        Cycle = $"{today.Year}年{(today.Month <= 6 ? "上半年" : "下半年")}";
        Expected = [8, 8, 8];
        await LoadAsync(hostId, ct);
        if (Host is not null)
        {
            Title = $"{Cycle}{Host.Name}基层党组织书记抓党建工作述职评议会";
            Reporters = [.. Candidates.Select(c => c.OrganizationId)];
        }
    }

    public async Task<IActionResult> OnPostAsync(long hostId, CancellationToken ct)
    {
        try
        {
            // The ready-made scheme and the meeting are one change: a refused meeting leaves no scheme behind.
            await using var work = await db.BeginWorkAsync(ct);
            var schemeId = SchemeId;
            if (schemeId == 0)
            {
                await LoadAsync(hostId, ct);
                schemeId = (await createScheme.HandleAsync(new CreateScheme(Template.Name, hostId, Template.Rules), ct)).Id;
            }
            var rules = (await queries.SchemesAsync(ct)).FirstOrDefault(s => s.Id == schemeId)?.Rules;
            var sizes = rules?.Groups.Select((g, i) => new NewGroupSize(g.Key, i < Expected.Count ? Expected[i] : 0)).ToList();
            var meeting = await createMeeting.HandleAsync(new CreateMeeting(Title ?? string.Empty, Cycle, hostId, Direction, schemeId, HeldOn, Location,
                [.. Reporters.Select(id => new NewReporter(id))], sizes), ct);
            await work.CommitAsync(ct);
            return Redirect($"/Meetings/Details/{meeting.Id}");
        }
        catch (RuleViolation e)
        {
            db.ChangeTracker.Clear();
            Refuse(e);
            await LoadAsync(hostId, ct);
            return Page();
        }
    }

    private async Task LoadAsync(long? hostId, CancellationToken ct)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var hosts = await organizations.Committees()
            .Select(o => new { o.Id, o.Name, o.Level, o.ParentId, o.SortOrder }).Take(300).ToListAsync(ct);
        Hosts = [.. TreeOrder.Sort(hosts, o => o.Id, o => o.ParentId, o => o.SortOrder, o => o.Name).Select(x => new HostOption(x.Item.Id, x.Item.Name, x.Item.Level))];
        Host = hostId is { } id ? Hosts.FirstOrDefault(h => h.Id == id) : null;
        if (Host is null)
        {
            return;
        }
        var children = await organizations.Where(o => o.ParentId == Host.Id && o.Status == OrganizationStatus.Active).OrderBy(o => o.SortOrder)
            .Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(ct);
        var ids = children.Select(c => c.Id).ToList();
        var secretaries = await db.CadrePositions.Where(c => ids.Contains(c.OrganizationId) && c.Title == PositionTitle.Secretary && c.TermEnd == null)
            .Select(c => new { c.OrganizationId, c.Person!.Name }).ToListAsync(ct);
        Candidates = [.. children.Select(c => new Candidate(c.Id, c.Name, secretaries.FirstOrDefault(s => s.OrganizationId == c.Id)?.Name))];
        Schemes = await queries.SchemesAsync(ct);
    }
}
