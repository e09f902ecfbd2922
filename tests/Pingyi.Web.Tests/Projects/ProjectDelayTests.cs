using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Projects;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Projects;

/// <summary>
/// A county leader's project (项目过程管理问责): registered with its milestones, refused when wrong; a late milestone raises one
/// supervision item in the ledger, one late past the threshold an accountability record of the leader; both in the leader's
/// archive; the township sees only its own projects.
/// </summary>
public sealed class ProjectDelayTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task ALateMilestone_RaisesALedgerItem_AndPastTheThreshold_HoldsTheLeaderToAccount(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var leader = await app.QueryAsync(db => db.People.Where(p => p.Name == "李四").Select(p => p.Id).SingleAsync());
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>());
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        object Project(params (string Name, int Due)[] milestones) => new
        {
            name = "东村千亩茶园基地建设", organizationId = t.T1, leaderPersonId = leader, contacts = "赵一、钱二", startOn = Day(-200),
            milestones = milestones.Select(m => new { name = m.Name, dueOn = Day(m.Due) }),
        };

        // Refusals: a branch secretary, another township, milestones out of order (beside the field), nothing saved.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("v11sec")).PostAsJsonAsync("/api/v1/projects", Project(("土地流转", -31)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsJsonAsync("/api/v1/projects", Project(("土地流转", -31)))).StatusCode);
        var disordered = await township.PostAsJsonAsync("/api/v1/projects", Project(("土地流转", -6), ("茶苗种植", -31)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, disordered.StatusCode);
        Assert.Contains("第 2 个节点：完成时限不能早于上一个节点", await disordered.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Projects.CountAsync()));

        var created = await township.PostAsJsonAsync("/api/v1/projects", Project(("土地流转", -31), ("茶苗种植", -6), ("基地投产", 120)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var standing = (await township.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{id}")).GetProperty("milestones").EnumerateArray()
            .Select(m => m.GetProperty("standing").GetString()!).ToArray();
        Assert.Equal(["DelayedPastAccountability", "Delayed", "OnTrack"], standing);

        // The job: two late milestones, two ledger items for the township named after the leader; one past 30 days, one accountability record.
        var job = app.Services.GetRequiredService<ProjectDelays>();
        Assert.Equal(new DelayRun(2, 1), await job.RunOnceAsync());
        Assert.Equal(new DelayRun(0, 0), await job.RunOnceAsync());
        var items = await app.QueryAsync(db => db.LedgerItems.Where(i => i.Source == Web.Modules.Ledger.LedgerSource.ProjectDelay).OrderBy(i => i.Id).ToListAsync());
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal((t.T1, "李四"), (i.ResponsibleOrganizationId, i.ResponsiblePersonName)));
        Assert.Contains("节点“土地流转”未按期完成", items[0].Description, StringComparison.Ordinal);
        var accountability = await app.QueryAsync(db => db.ProjectAccountabilities.SingleAsync());
        Assert.Equal((leader, 31), (accountability.LeaderPersonId, accountability.DaysLate));

        // Progress completes the last milestone today; a second completion is refused.
        var milestones = (await township.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{id}")).GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/projects/{id}/reports", new { text = "基地提前投产", milestoneId = milestones[2], done = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync($"/api/v1/projects/{id}/reports", new { text = "再次报告", milestoneId = milestones[2], done = true })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/projects/{id}/reports", new { text = " ", milestoneId = milestones[1], done = false })).StatusCode);

        // The leader's archive shows the project and the accountability; another township sees neither the project nor the archive.
        var archive = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/archives/cadres/{leader}");
        Assert.Equal("东村千亩茶园基地建设", archive.GetProperty("projects")[0].GetProperty("name").GetString());
        Assert.Contains("延期 31 天", archive.GetProperty("accountability")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        var other = await app.SignInAsync("t2admin");
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/v1/projects")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/projects/{id}")).StatusCode);
        Assert.Contains("已记入问责", await admin.GetStringAsync($"/Projects/Details/{id}"));

        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "project.create")));
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "project.delay")));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "project.accountability")));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "project.progress")));
    }
}
