using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Delegates;

/// <summary>
/// A delegate's proposal followed through: recorded for a person on record as a party congress delegate, answered once by the township
/// asked, raised once as the township's ledger item (source 党代表提案), followed up with the delegate's verdict; the refusals (not a
/// delegate, another township, a secretary, a follow-up before the answer, an answer dated before the proposal, an inspection raised);
/// members attending a township committee's meeting recorded and counted.
/// </summary>
public sealed class DelegatesTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AProposal_IsAnswered_RaisedAsALedgerItem_AndFollowedUp(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var people = await app.QueryAsync(db => db.People.Where(p => p.OrganizationId == t.V11).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PingyiDbContext>();
            var person = await db.People.SingleAsync(p => p.Id == people[0]);
            person.Representatives = RepresentativeRoles.PartyCongress;
            await db.SaveChangesAsync();
        });
        var township = await app.SignInAsync("t1admin");
        object Duty(string kind, long person) => new { kind, personId = person, addressedOrganizationId = t.T1, on = "2026-09-10", subject = "关于改善通组道路的提案", content = "建议纳入年度硬化计划。" };

        var notDelegate = await township.PostAsJsonAsync("/api/v1/delegates/duties", Duty("Proposal", people[1]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notDelegate.StatusCode);
        Assert.Contains("不是党代表", await notDelegate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsJsonAsync("/api/v1/delegates/duties", Duty("Proposal", people[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("v11sec")).PostAsJsonAsync("/api/v1/delegates/duties", Duty("Proposal", people[0]))).StatusCode);
        var id = (await Json(await township.PostAsJsonAsync("/api/v1/delegates/duties", Duty("Proposal", people[0])), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var inspection = (await Json(await township.PostAsJsonAsync("/api/v1/delegates/duties", Duty("Inspection", people[0])), HttpStatusCode.Created)).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync($"/api/v1/delegates/duties/{id}/follow-up", new { satisfied = true, followUp = "已落实" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/delegates/duties/{id}/answer", new { answeredOn = "2026-09-09", answer = "已研究" })).StatusCode);
        await Json(await township.PostAsJsonAsync($"/api/v1/delegates/duties/{id}/answer", new { answeredOn = "2026-09-20", answer = "已纳入明年硬化计划" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync($"/api/v1/delegates/duties/{id}/answer", new { answeredOn = "2026-09-21", answer = "再答" })).StatusCode);

        var raised = await Json(await township.PostAsJsonAsync($"/api/v1/delegates/duties/{id}/ledger", new { deadline = "2027-06-30", measures = "列入年度计划" }), HttpStatusCode.OK);
        var item = raised.GetProperty("ledgerItemId").GetInt64();
        var ledger = await app.QueryAsync(db => db.LedgerItems.Where(i => i.Id == item).Select(i => new { i.Source, i.ResponsibleOrganizationId, i.Category }).SingleAsync());
        Assert.Equal((Web.Modules.Ledger.LedgerSource.DelegateProposal, t.T1, "党代表提案"), (ledger.Source, ledger.ResponsibleOrganizationId, ledger.Category));
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync($"/api/v1/delegates/duties/{id}/ledger", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync($"/api/v1/delegates/duties/{inspection}/ledger", new { })).StatusCode);

        var followed = await Json(await township.PostAsJsonAsync($"/api/v1/delegates/duties/{id}/follow-up", new { satisfied = true, followUp = "已列入计划，党代表满意" }), HttpStatusCode.OK);
        Assert.True(followed.GetProperty("satisfied").GetBoolean());

        // Members attending a committee meeting.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync("/api/v1/delegates/observations", new { organizationId = t.T1, on = "2026-09-12", meeting = "党委会", observers = 0, matters = "研究项目" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsJsonAsync("/api/v1/delegates/observations", new { organizationId = t.T1, on = "2026-09-12", meeting = "党委会", observers = 5, matters = "研究项目" })).StatusCode);
        await Json(await township.PostAsJsonAsync("/api/v1/delegates/observations", new { organizationId = t.T1, on = "2026-09-12", meeting = "党委会", observers = 5, observerNames = "王一、王二", matters = "研究村级集体经济项目", opinions = "及时公开" }), HttpStatusCode.Created);

        var summary = await township.GetFromJsonAsync<JsonElement>("/api/v1/delegates/summary?year=2026");
        var kinds = summary.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!);
        Assert.Equal((1, 1, 1, 1), (kinds["Proposal"].GetProperty("total").GetInt32(), kinds["Proposal"].GetProperty("answered").GetInt32(), kinds["Proposal"].GetProperty("satisfied").GetInt32(),
            kinds["Proposal"].GetProperty("raised").GetInt32()));
        Assert.Equal((1, 0), (kinds["Inspection"].GetProperty("total").GetInt32(), kinds["Inspection"].GetProperty("answered").GetInt32()));
        Assert.Equal((1, 5), (summary.GetProperty("observations").GetInt32(), summary.GetProperty("observers").GetInt32()));
        Assert.Equal(0, (await (await app.SignInAsync("t2admin")).GetFromJsonAsync<JsonElement>("/api/v1/delegates/duties")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await township.GetFromJsonAsync<JsonElement>("/api/v1/delegates/duties?answered=false")).GetProperty("total").GetInt32());
        var page = WebUtility.HtmlDecode(await township.GetStringAsync($"/Delegates/Details/{id}"));
        Assert.Contains("已纳入明年硬化计划", page, StringComparison.Ordinal);
        Assert.Contains($"/Ledger/Details/{item}", page, StringComparison.Ordinal);
        Assert.Equal(2 + 1 + 1 + 1 + 1, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action.StartsWith("delegates."))));
    }
}
