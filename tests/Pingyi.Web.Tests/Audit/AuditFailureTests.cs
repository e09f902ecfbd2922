using System.Text.Json;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Data;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Audit;

/// <summary>
/// A change and its audit entry commit together or not at all: with the audit table refusing inserts
/// (a trigger in the real database), every module's change fails and leaves nothing behind.
/// </summary>
public sealed class AuditFailureTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    /// <summary>A change, how to count what it makes, and what must exist before it (set up before the audit outage).</summary>
    private sealed record Change(Func<PingyiDbContext, Task<int>> Count, Func<HttpClient, TestTree, Task<HttpResponseMessage>> Act, Func<HttpClient, TestTree, Task>? Setup = null);

    private static readonly Dictionary<string, Change> Changes = new()
    {
        ["Organizations"] = new(db => db.Organizations.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/organizations",
            new { code = "T9", name = "九号镇党委", level = "TownshipCommittee", category = "None", parentId = t.County })),
        ["People"] = new(db => db.People.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/people",
            new { name = "陈新", idNumber = Ids.Valid(91), organizationId = t.V11, memberStatus = "None" })),
        ["Imports"] = new(db => db.People.CountAsync(), (c, _) => Imports.RosterImportTests.UploadAsync(c, "/api/v1/imports/roster",
            Workbooks.Create([Workbooks.RosterHeader, ["甲", null, Ids.Valid(92), null, "V11", null, "群众", null, null, null, null, null]]), "r.xlsx")),
        ["Accounts"] = new(db => db.Users.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/accounts",
            new { userName = "v11sec", displayName = "东村书记", organizationId = t.V11, roles = new[] { "Secretary" }, password = "Branch-Pass-2026" })),
        ["Meetings"] = new(db => db.Schemes.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/schemes",
            new { name = "测评方案", organizationId = t.County, rules = new { groups = new[] { new { key = "a", name = "甲", weight = 1 } } } })),
        ["Ledger"] = new(db => db.LedgerItems.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/ledger",
            new { category = "组织建设", description = "记录不全", responsibleOrganizationId = t.V11, deadline = "2026-12-31" })),
        ["Supervision"] = new(db => db.WorkTasks.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/tasks",
            new { title = "开展主题党日活动", deadline = "2026-10-31", organizationIds = new[] { t.T1, t.T2 } })),
        ["Bulletins"] = new(db => db.Bulletins.CountAsync(), (c, _) => c.PostAsJsonAsync("/api/v1/bulletins", new { year = 2026, month = 10 })),
        ["Documents"] = new(db => db.DocumentIssuers.CountAsync(), (c, t) => c.PutAsJsonAsync($"/api/v1/documents/issuers/{t.County}", new { name = "中共测试县委员会", prefix = "测组通" })),
        ["Calendar"] = new(db => db.CalendarYears.CountAsync(), (c, _) => c.PutAsJsonAsync("/api/v1/calendar/2027", new { daysOff = "2027-01-01", workedWeekendDays = "" })),
        ["Notifications"] = new(db => db.Notifications.CountAsync(n => n.ReadAt != null), (c, _) => c.PostAsync("/api/v1/notifications/read-all", null)),
        ["Commitments"] = new(db => db.Commitments.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/commitments", new
        {
            organizationId = t.V11, year = 2027, title = "2027年度党组织承诺", items = new[] { new { target = "新建党员活动室", category = "阵地建设", deadline = "2027-06-30" } },
        })),
        ["Grading"] = new(db => db.GradingInputs.CountAsync(), (c, t) => c.PutAsJsonAsync("/api/v1/grading/inputs",
            new { organizationId = t.V11, year = 2026, kind = "annual", period = 1, score = 91 })),
        ["Awards"] = new(db => db.Awards.CountAsync(), (c, _) => c.PostAsync("/api/v1/awards/customary/2026", null)),
        ["Training"] = new(db => db.TrainingCourses.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/training/courses",
            new { title = "轮训班", kind = "PartySchool", organizationId = t.T1, startOn = "2026-03-01", endOn = "2026-03-02", hours = 8 })),
        ["Projects"] = new(db => db.Projects.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/projects",
            new { name = "茶园基地", organizationId = t.T1, leaderPersonId = 1, startOn = "2026-01-01", milestones = new[] { new { name = "开工", dueOn = "2026-02-01" } } })),
        ["Stationing"] = new(db => db.StationAssignments.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/stationing",
            new { personId = 1, villageOrganizationId = t.V11, role = "驻村第一书记", startOn = "2026-01-05" })),
        ["Selection"] = new(db => db.SelectionBatches.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/selection/batches", new
        {
            title = "选任批次", year = 2026, organizationId = t.County, nominationFrom = "2026-12-01", nominationUntil = "2026-12-10",
            posts = new[] { new { title = "副镇长", organizationId = t.T1, places = 1 } },
        })),
        ["Accountability"] = new(db => db.AccountabilityRecords.CountAsync(), (c, _) => c.PostAsJsonAsync("/api/v1/accountability/records",
            new { personId = 1, situation = 2, measure = 4, document = "测纪〔2026〕3号", facts = "久拖不办", decidedOn = "2026-11-01" })),
        ["Petitions"] = new(db => db.Petitions.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/petitions",
            new { organizationId = t.T1, kind = "Claim", channel = "Visit", name = "王五", address = "东村3组", request = "请求修复村道", facts = "村道被洪水冲毁" })),
        ["Requests"] = new(db => db.ServiceRequests.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/requests",
            new { serviceCode = "ROAD", description = "村道塌方", address = "东村3组", attributes = new Dictionary<string, string[]> { ["township"] = [t.T1.ToString(System.Globalization.CultureInfo.InvariantCulture)] } })),
        ["Requests.GridGroups"] = new(db => db.GridGroups.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/requests/grid-groups",
            new { organizationId = t.County, name = "测试县党群服务群", members = 260 })),
        ["Requests.ServiceTeams"] = new(db => db.ServiceTeams.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/requests/teams",
            new { organizationId = t.V11, name = "东村服务团队", formedOn = "2026-01-10" })),
        ["Membership"] = new(db => db.MemberDevelopments.CountAsync(), async (c, t) =>
            {
                var resident = (await c.GetFromJsonAsync<JsonElement>("/api/v1/people?q=王申请")).GetProperty("items")[0].GetProperty("id").GetInt64();
                return await c.PostAsJsonAsync("/api/v1/membership", new { personId = resident, appliedOn = "2026-01-05", document = "入党申请书", approvedBy = "赵一" });
            },
            async (c, t) => (await c.PostAsJsonAsync("/api/v1/people", new { name = "王申请", idNumber = Ids.Valid(92, 2000), organizationId = t.V11, memberStatus = "None" })).EnsureSuccessStatusCode()),
        ["Coverage"] = new(db => db.NewOrganizations.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/coverage",
            new { name = "甲公司", kind = "Enterprise", organizationId = t.T1, employees = 120, members = 6, mode = "Alone", partyOrganizationId = t.B13, coveredOn = "2025-05-01" })),
        ["OpenAffairs"] = new(db => db.VillageDecisions.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/open-affairs/decisions",
            new { organizationId = t.V11, title = "东村道路硬化", matter = "硬化道路 2.3 公里", on = "2026-10-08", minutes = "支部委员会一致同意" })),
        ["Pairing"] = new(db => db.BranchPairings.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/pairings",
            new { unitOrganizationId = t.B13, villageOrganizationId = t.V11, startOn = "2026-03-01", plan = "每年技术培训两次" })),
        ["Venues"] = new(db => db.Venues.CountAsync(), (c, t) => c.PutAsJsonAsync($"/api/v1/venues/{t.V11}",
            new { area = 120, operatingFunds = 15000, centres = "Office, Activity" })),
        ["Delegates"] = new(db => db.CommitteeObservations.CountAsync(), (c, t) => c.PostAsJsonAsync("/api/v1/delegates/observations",
            new { organizationId = t.T1, on = "2026-09-12", meeting = "党委会", observers = 5, matters = "研究村级集体经济项目" })),
        ["Archives"] = new(db => db.ArchivePlans.CountAsync(), (c, t) => c.PutAsJsonAsync("/api/v1/archives/plans",
            new { hostOrganizationId = t.T1, kind = "VillageSecretary", year = 2026, combination = "Mean", missing = "Zero" })),
    };

    /// <summary>Every module's change in one host per database: each module makes its own things and counts only those.</summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task Change_WhenTheAuditWriteFails_LeavesNothingChanged_InEveryModule(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        // Something for the administrator to mark read.
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Web.Modules.Notifications.Notifier>().NotifyAsync(tree.County, Web.Modules.Accounts.Policies.Editors, "Assigned", "通知", null, null);
            await sp.GetRequiredService<PingyiDbContext>().SaveChangesAsync();
        });
        var failures = new List<string>();
        foreach (var (module, change) in Changes)
        {
            if (change.Setup is { } setup)
            {
                await setup(admin, tree);
            }
            var before = await app.QueryAsync(change.Count);
            var auditBefore = await app.QueryAsync(db => db.AuditEntries.CountAsync());

            await AuditOutage.BeginAsync(app, provider);
            var refused = await change.Act(admin, tree);
            var afterRefusal = await app.QueryAsync(change.Count);
            await AuditOutage.EndAsync(app, provider);
            var accepted = await change.Act(admin, tree);

            if (refused.StatusCode != HttpStatusCode.InternalServerError)
            {
                failures.Add($"{module}: during the outage answered {(int)refused.StatusCode}, not 500");
            }
            if (before != afterRefusal)
            {
                failures.Add($"{module}: the refused change left {afterRefusal - before} behind");
            }
            if (!accepted.IsSuccessStatusCode)
            {
                failures.Add($"{module}: after the outage {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
            }
            else if (before == await app.QueryAsync(change.Count) || await app.QueryAsync(db => db.AuditEntries.CountAsync()) <= auditBefore)
            {
                failures.Add($"{module}: the accepted change made nothing or was not audited");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Changes.Count} modules:\n" + string.Join("\n", failures));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task PasswordChange_WhenTheAuditWriteFails_KeepsTheOldPassword(string provider)
    {
        // UserManager saves the new password on its own: the audit entry must still commit with it or not at all.
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var user = await app.SignInAsync("t1admin");
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["current"] = TestApp.AdminPassword, ["next"] = "New-Password-2027", ["again"] = "New-Password-2027" });

        await AuditOutage.BeginAsync(app, provider);
        var refused = await user.PostAsync("/Accounts/Password", form);
        await AuditOutage.EndAsync(app, provider);
        var oldPassword = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "t1admin", password = TestApp.AdminPassword });
        var newPassword = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "t1admin", password = "New-Password-2027" });

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, newPassword.StatusCode);
    }
}
