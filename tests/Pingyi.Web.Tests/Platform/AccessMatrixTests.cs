using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Demo;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// The access matrix, generated from the endpoint list (the OpenAPI document): every endpoint is asked by nobody and by an
/// account of each role bound to township A, about an object outside A (another township's or the county's: out of scope) and,
/// for reads, about an object of township A (in scope). The answer of every cell is in one table, <c>AccessMatrix.tsv</c>; an endpoint not in the table fails
/// the test until it is added. Independently of the table: no cell answers 5xx, nobody signed in gets nothing but 401 outside
/// the public endpoints, no object outside A is answered with 2xx, and the asks about those objects leave no trace in the audit trail.
/// Run with PINGYI_WRITE_MATRIX=1 to rewrite the table from what the platform answers, then read the diff before committing it.
/// </summary>
public sealed partial class AccessMatrixTests
{
    private static readonly string[] Identities = ["anonymous", .. Roles.All];

    /// <summary>What anyone may call without signing in: public pages' APIs, the phone's ballot, the resident's case, sign-in itself.</summary>
    private static readonly string[] PublicPrefixes =
    [
        "/api/public/", "/open311/", "/api/v1/ballots", "/api/v1/petitions/track", "/api/v1/auth/login", "/api/v1/auth/token", "/api/v1/auth/logout",
        "/api/v1/public/", "/api/v1/requests/public", "/api/v1/requests/track", "/api/v1/meetings/board", "/api/v1/rater/", "/api/v1/selection/public",
        "/api/v1/meetings/{id}/receipts", // every counted ballot's receipt, so each rater can check theirs: no name, no code
        "/api/v1/csp-reports", // browsers report what the policy blocked, signed in or not: logged without query strings, limited like every public write
    ];

    private const string Missing = "2000000001";

    /// <summary>Objects of the county a township's accounts see by design: the county's awards, which they nominate for (their own nominations only).</summary>
    private static readonly HashSet<string> VisibleFromBelow = ["awards.awards@county"];

    private sealed record Place(long Id, string Path);

    [Fact]
    public async Task EveryEndpoint_AnswersEveryRole_AsTheTableSays_AndNothingOutOfScopeLeaks()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero)); // Monday 30 November, 10:00 in China
        // Sign-in's own limit per address is tested with the accounts; here seven identities ask the sign-in endpoints too.
        await using var app = await TestApp.CreateAsync("Sqlite", clock: clock, settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinute"] = "1000" });
        await app.WithScopeAsync(async sp =>
        {
            await DemoModule.LoadAsync(sp, new DemoCounty.Options(Seed: 5, TargetMembers: 1500), 40, 5);
            await AccountSeeding.EnsureAdministratorAsync(sp, sp.GetRequiredService<IConfiguration>(), NullLogger.Instance);
        });
        var townships = await app.QueryAsync(db => db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee)
            .OrderBy(o => o.Id).Select(o => new Place(o.Id, o.Path)).Take(1).ToListAsync());
        var mine = townships[0];
        var code = await app.QueryAsync(db => db.Organizations.Where(o => o.Id == mine.Id).Select(o => o.Code).SingleAsync());
        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = app.CreateClient() };
        foreach (var role in Roles.All)
        {
            await app.CreateUserAsync("m-" + role, code, role);
            clients[role] = await app.SignInAsync("m-" + role);
        }
        var outside = await ObjectsAsync(app, mine, inside: false);
        var inside = await ObjectsAsync(app, mine, inside: true);
        var document = await clients["anonymous"].GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var endpoints = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch").Select(m => (Method: m.Name.ToUpperInvariant(), Path: p.Name,
                Form: m.Value.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("multipart/form-data", out _))))
            .OrderBy(e => e.Path.StartsWith("/api/v1/auth/", StringComparison.Ordinal)).ThenBy(e => e.Path == "/api/v1/auth/logout") // signing out ends the session: last
            .ThenBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
        // Out of scope first, every identity, every method. A refusal changes nothing: an ask about an object outside the scope
        // that leaves an audit entry (other than a sign-in or an export, which are reads the trail records) changed something.
        var rows = new List<Row>();
        var traces = new List<string>();
        foreach (var (method, path, form) in endpoints)
        {
            var (url, kind) = Fill(path, outside);
            var last = await app.QueryAsync(db => db.AuditEntries.MaxAsync(a => a.Id));
            var answers = new List<int>();
            foreach (var identity in Identities)
            {
                answers.Add(await AskAsync(clients[identity], method, url, form));
            }
            rows.Add(new Row(method, path, kind, answers, null));
            if (kind is not ("-" or "none"))
            {
                traces.AddRange(await app.QueryAsync(db => db.AuditEntries.Where(a => a.Id > last && !a.Action.StartsWith("account.") && !a.Action.StartsWith("export."))
                    .Select(a => method + " " + path + ": " + a.Action + " " + a.EntityType + " " + a.EntityId).ToListAsync()));
            }
        }

        // In scope, reads only: a write would change what the next cell sees (the modules' own tests cover them).
        foreach (var role in Roles.All)
        {
            clients[role] = await app.SignInAsync("m-" + role);
        }
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Method != "GET")
            {
                continue;
            }
            var (url, _) = Fill(rows[i].Path, inside);
            var answers = new List<int>();
            foreach (var identity in Identities)
            {
                answers.Add(await AskAsync(clients[identity], "GET", url, form: false));
            }
            rows[i] = rows[i] with { Inside = answers };
        }

        var table = Path.Combine(Repository.Root, "tests", "Pingyi.Web.Tests", "Platform", "AccessMatrix.tsv");
        if (Environment.GetEnvironmentVariable("PINGYI_WRITE_MATRIX") == "1")
        {
            await File.WriteAllTextAsync(table, Header + string.Concat(rows.Select(r => r.Line + "\n")));
        }
        var expected = File.ReadAllLines(table).Where(l => l.Length > 0 && !l.StartsWith('#')).ToDictionary(l => string.Join('\t', l.Split('\t').Take(2)));
        var problems = new List<string>();
        foreach (var row in rows)
        {
            var key = row.Method + "\t" + row.Path;
            if (!expected.Remove(key, out var line))
            {
                problems.Add($"not in the table (add it): {row.Line}");
            }
            else if (line != row.Line)
            {
                problems.Add($"table:   {line}\nanswered: {row.Line}");
            }
            var all = row.Outside.Concat(row.Inside ?? []).ToList();
            if (all.Any(s => s >= 500))
            {
                problems.Add($"5xx: {row.Line}");
            }
            var open = PublicPrefixes.Any(p => row.Path.StartsWith(p, StringComparison.Ordinal));
            if (!open && (row.Outside[0] != 401 || row.Inside is { } inside0 && inside0[0] != 401))
            {
                problems.Add($"answers nobody signed in with other than 401: {row.Line}");
            }
            if (row.Kind is not ("-" or "none") && !VisibleFromBelow.Contains(row.Kind) && !open && row.Outside.Skip(1).Any(s => s is >= 200 and < 300))
            {
                problems.Add($"an object outside the caller's scope answered with 2xx: {row.Line}");
            }
        }
        problems.AddRange(expected.Keys.Select(k => $"in the table but no longer an endpoint: {k}"));
        var cells = rows.Sum(r => r.Outside.Count + (r.Inside?.Count ?? 0));
        var scoped = rows.Count(r => r.Kind is not ("-" or "none"));

        Assert.True(endpoints.Count > 250, $"{endpoints.Count} endpoints in the OpenAPI document");
        Assert.True(traces.Count == 0, "asks out of scope left audit entries: " + string.Join("; ", traces));
        Assert.True(problems.Count == 0, $"{endpoints.Count} endpoints, {cells} cells, {scoped} with an object outside the scope; {problems.Count} problems:\n" + string.Join("\n", problems));
    }

    private const string Header = "# The access matrix (AccessMatrixTests): method, route, the object the route names (- none, none: no such object in the demo),\n"
        + "# then the answers to nobody and to accounts of township A with the roles SystemAdministrator OrganizationDepartment OrganizationAdministrator\n"
        + "# Secretary DisciplineInspection Supervisor — about an object outside A (another township's or the county's), and (reads only) about one of A.\n";

    private sealed record Row(string Method, string Path, string Kind, List<int> Outside, List<int>? Inside)
    {
        public string Line => $"{Method}\t{Path}\t{Kind}\t{string.Join(' ', Outside)}\t{(Inside is null ? "-" : string.Join(' ', Inside))}";
    }

    /// <summary>A write carries an empty body of the kind the endpoint reads (else routing answers 415 before anyone is asked who calls).</summary>
    private static async Task<int> AskAsync(HttpClient client, string method, string url, bool form)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = form ? new MultipartFormDataContent { { new StringContent("x"), "note" } } : new StringContent("{}", Encoding.UTF8, "application/json");
        }
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>The route with its parameters filled from the township's objects, and what kind of object it names.</summary>
    private static (string Url, string Kind) Fill(string path, IReadOnlyDictionary<string, string> objects)
    {
        var segments = path.Split('/');
        var module = segments.Length > 3 ? segments[3] : segments[^1];
        var kind = "-";
        for (var i = 0; i < segments.Length; i++)
        {
            var match = Parameter().Match(segments[i]);
            if (!match.Success)
            {
                continue;
            }
            var name = match.Groups[1].Value;
            var before = i > 0 ? segments[i - 1] : string.Empty;
            string value;
            switch (name)
            {
                case "year": value = "2026"; break;
                case "format": value = "json"; break;
                case "level": value = "1"; break;
                case "kind": value = "roster"; break;
                case "key": value = "org.all"; break;
                case "code": value = "ROAD"; break;
                case "token": value = "0000000000"; break;
                case "progressId": value = Guid.Empty.ToString("N"); break;
                default:
                    var key = Key(module, before, name);
                    var found = objects.GetValueOrDefault(key, Missing).Split('@');
                    value = found[0];
                    kind = kind is "-" or "none" ? (value == Missing ? "none" : key + (found.Length > 1 ? "@county" : string.Empty)) : kind;
                    break;
            }
            segments[i] = Parameter().Replace(segments[i], value);
        }
        return (string.Join('/', segments), kind);
    }

    private static string Key(string module, string before, string name) => (module, before, name) switch
    {
        ("venues", _, "organizationId") => "venues.village",
        (_, _, "organizationId") => "organization",
        (_, _, "personId") => "person",
        ("people", _, "positionId") => "position",
        ("meetings", _, "reporterId") => "reporter",
        (_, _, "evidenceId") => module + ".evidence",
        (_, _, "entryId") => "stationing.entry",
        (_, _, "fileId") => "petitions.file",
        (_, _, "bookingId") => "petitions.booking",
        (_, _, "postId") => "selection.post",
        (_, _, "roundId") => "selection.round",
        (_, _, "nominationId") => "selection.nomination",
        _ => module + "." + before,
    };

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Parameter();

    /// <summary>
    /// One object of each kind, by the key <see cref="Key"/> gives it: inside the township's subtree, or outside it — another
    /// township's, else the county's own (awards, projects, courses are the county's in the demo), named "@county" in the table.
    /// </summary>
    private static async Task<Dictionary<string, string>> ObjectsAsync(TestApp app, Place township, bool inside)
    {
        if (inside)
        {
            return await ObjectsAsync(app, township, o => o.Path.StartsWith(township.Path));
        }
        var elsewhere = await ObjectsAsync(app, township, o => !o.Path.StartsWith(township.Path) && !township.Path.StartsWith(o.Path));
        foreach (var (key, id) in await ObjectsAsync(app, township, o => township.Path.StartsWith(o.Path) && o.Id != township.Id))
        {
            elsewhere.TryAdd(key, id + "@county");
        }
        return elsewhere;
    }

    private static Task<Dictionary<string, string>> ObjectsAsync(TestApp app, Place township, System.Linq.Expressions.Expression<Func<Web.Modules.Organizations.Organization, bool>> where) => app.QueryAsync(async db =>
    {
        var subtree = await db.Organizations.Where(where).Select(o => o.Id).ToListAsync();
        var objects = new Dictionary<string, string>();
        long Of(string key) => objects.TryGetValue(key, out var id) ? long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) : -1;
        async Task Add(string key, IQueryable<long> ids)
        {
            if (objects.ContainsKey(key))
            {
                return; // the first query that finds one wins (an item with evidence before any item)
            }
            var id = await ids.OrderBy(x => x).FirstOrDefaultAsync();
            if (id != 0)
            {
                objects[key] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        await Add("organization", db.Organizations.Where(o => subtree.Contains(o.Id) && o.Id != township.Id).Select(o => o.Id));
        await Add("organizations.organizations", db.Organizations.Where(o => subtree.Contains(o.Id) && o.Id != township.Id).Select(o => o.Id));
        await Add("grading.organizations", db.Organizations.Where(o => subtree.Contains(o.Id) && o.Id != township.Id).Select(o => o.Id));
        await Add("person", db.Memberships.Where(m => subtree.Contains(m.OrganizationId)).Select(m => m.PersonId));
        await Add("people.people", db.Memberships.Where(m => subtree.Contains(m.OrganizationId)).Select(m => m.PersonId));
        await Add("archives.cadres", db.CadrePositions.Where(p => subtree.Contains(p.OrganizationId)).Select(p => p.PersonId));
        var person = Of("people.people");
        await Add("position", db.CadrePositions.Where(p => subtree.Contains(p.OrganizationId) && p.PersonId == person).Select(p => p.Id));
        await Add("accounts.accounts", db.Users.Where(u => subtree.Contains(u.OrganizationId)).Select(u => u.Id));
        await Add("notifications.notifications", db.Notifications.Where(n => db.Users.Any(u => u.Id == n.UserId && subtree.Contains(u.OrganizationId))).Select(n => n.Id));
        await Add("schemes.schemes", db.Schemes.Where(s => subtree.Contains(s.OrganizationId)).Select(s => s.Id));
        await Add("meetings.meetings", db.Meetings.Where(m => subtree.Contains(m.HostOrganizationId)).Select(m => m.Id));
        if (objects.TryGetValue("meetings.meetings", out var meeting))
        {
            var meetingId = long.Parse(meeting, System.Globalization.CultureInfo.InvariantCulture);
            await Add("reporter", db.MeetingReporters.Where(r => r.MeetingId == meetingId).Select(r => r.Id));
        }
        await Add("talks.talks", db.Talks.Where(t => subtree.Contains(t.OrganizationId)).Select(t => t.Id));
        await Add("ledger.ledger", db.LedgerItems.Where(i => subtree.Contains(i.ResponsibleOrganizationId) && db.LedgerEvidence.Any(e => e.ItemId == i.Id)).Select(i => i.Id));
        await Add("ledger.ledger", db.LedgerItems.Where(i => subtree.Contains(i.ResponsibleOrganizationId)).Select(i => i.Id));
        var item = Of("ledger.ledger");
        await Add("ledger.evidence", db.LedgerEvidence.Where(e => e.ItemId == item).Select(e => e.Id));
        await Add("year-end.year-end", db.Organizations.Where(o => subtree.Contains(o.Id) && o.Id != township.Id).Select(o => o.Id));
        await Add("commitments.commitments", db.Commitments.Where(c => subtree.Contains(c.OrganizationId) && db.CommitmentEvidence.Any(e => e.CommitmentId == c.Id)).Select(c => c.Id));
        await Add("commitments.commitments", db.Commitments.Where(c => subtree.Contains(c.OrganizationId)).Select(c => c.Id));
        var commitment = Of("commitments.commitments");
        await Add("commitments.evidence", db.CommitmentEvidence.Where(e => e.CommitmentId == commitment).Select(e => e.Id));
        await Add("grading.vetoes", db.GradingVetoes.Where(v => subtree.Contains(v.OrganizationId)).Select(v => v.Id));
        await Add("awards.awards", db.Awards.Where(a => subtree.Contains(a.OrganizationId)).Select(a => a.Id));
        await Add("awards.nominations", db.AwardNominations.Where(n => subtree.Contains(n.OrganizationId)).Select(n => n.Id));
        await Add("awards.objections", db.AwardObjections.Where(o => db.AwardNominations.Any(n => n.Id == o.NominationId && subtree.Contains(n.OrganizationId))).Select(o => o.Id));
        await Add("projects.projects", db.Projects.Where(p => subtree.Contains(p.OrganizationId)).Select(p => p.Id));
        await Add("training.courses", db.TrainingCourses.Where(c => subtree.Contains(c.OrganizationId)).Select(c => c.Id));
        await Add("stationing.stationing", db.StationAssignments.Where(a => subtree.Contains(a.VillageOrganizationId) && db.StationEntries.Any(e => e.AssignmentId == a.Id)).Select(a => a.Id));
        await Add("stationing.stationing", db.StationAssignments.Where(a => subtree.Contains(a.VillageOrganizationId)).Select(a => a.Id));
        var assignment = Of("stationing.stationing");
        await Add("stationing.entry", db.StationEntries.Where(e => e.AssignmentId == assignment).Select(e => e.Id));
        await Add("selection.batches", db.SelectionBatches.Where(b => subtree.Contains(b.OrganizationId)).Select(b => b.Id));
        await Add("selection.post", db.SelectionPosts.Where(p => subtree.Contains(p.OrganizationId)).Select(p => p.Id));
        await Add("selection.round", db.SelectionRounds.Where(r => db.SelectionPosts.Any(p => p.Id == r.PostId && subtree.Contains(p.OrganizationId))).Select(r => r.Id));
        await Add("selection.nominations", db.Nominations.Where(n => db.SelectionPosts.Any(p => p.Id == n.PostId && subtree.Contains(p.OrganizationId))).Select(n => n.Id));
        await Add("selection.nomination", db.Nominations.Where(n => db.SelectionPosts.Any(p => p.Id == n.PostId && subtree.Contains(p.OrganizationId))).Select(n => n.Id));
        await Add("accountability.audit-reports", db.AuditReports.Where(r => subtree.Contains(r.OrganizationId)).Select(r => r.Id));
        await Add("accountability.analysis", db.AnalysisPlans.Where(p => subtree.Contains(p.OrganizationId)).Select(p => p.Id));
        await Add("petitions.petitions", db.Petitions.Where(p => subtree.Contains(p.HandlingOrganizationId) && db.PetitionFiles.Any(f => f.PetitionId == p.Id)).Select(p => p.Id));
        await Add("petitions.petitions", db.Petitions.Where(p => subtree.Contains(p.HandlingOrganizationId)).Select(p => p.Id));
        var petition = Of("petitions.petitions");
        await Add("petitions.file", db.PetitionFiles.Where(f => f.PetitionId == petition).Select(f => f.Id));
        await Add("petitions.booking", db.ReceptionBookings.Where(b => subtree.Contains(b.FromOrganizationId)).Select(b => b.Id));
        await Add("requests.requests", db.ServiceRequests.Where(r => subtree.Contains(r.OrganizationId)).Select(r => r.Id));
        await Add("requests.grid-groups", db.GridGroups.Where(g => subtree.Contains(g.OrganizationId)).Select(g => g.Id));
        await Add("requests.teams", db.ServiceTeams.Where(t => subtree.Contains(t.OrganizationId)).Select(t => t.Id));
        var team = Of("requests.teams");
        await Add("requests.members", db.ServiceTeamMembers.Where(m => m.TeamId == team).Select(m => m.Id));
        await Add("requests.households", db.PairedHouseholds.Where(h => subtree.Contains(h.OrganizationId)).Select(h => h.Id));
        await Add("membership.membership", db.MemberDevelopments.Where(d => subtree.Contains(d.OrganizationId)).Select(d => d.Id));
        await Add("coverage.coverage", db.NewOrganizations.Where(n => subtree.Contains(n.OrganizationId)).Select(n => n.Id));
        await Add("open-affairs.decisions", db.VillageDecisions.Where(d => subtree.Contains(d.OrganizationId) && d.State == Web.Modules.OpenAffairs.DecisionState.InProgress).Select(d => d.Id));
        await Add("open-affairs.decisions", db.VillageDecisions.Where(d => subtree.Contains(d.OrganizationId)).Select(d => d.Id));
        await Add("pairings.pairings", db.BranchPairings.Where(p => subtree.Contains(p.VillageOrganizationId)).Select(p => p.Id));
        await Add("venues.village", db.Organizations.Where(o => subtree.Contains(o.Id) && o.Category == Core.Organizations.OrganizationCategory.Village).Select(o => o.Id));
        await Add("delegates.duties", db.DelegateDuties.Where(d => subtree.Contains(d.AddressedOrganizationId) && subtree.Contains(d.OrganizationId)).Select(d => d.Id));
        await Add("open-affairs.powers", db.MicroPowers.Select(p => p.Id)); // the county's list: the same object in and out of a township's scope
        await Add("supervision.visits", db.SupervisionVisits.Where(v => subtree.Contains(v.OrganizationId)).Select(v => v.Id));
        await Add("tasks.tasks", db.WorkTasks.Where(t => subtree.Contains(t.AssignedByOrganizationId)).Select(t => t.Id));
        await Add("bulletins.bulletins", db.Bulletins.Where(b => subtree.Contains(b.ScopeOrganizationId)).Select(b => b.Id));
        return objects;
    });
}
