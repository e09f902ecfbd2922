using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Development;

/// <summary>
/// Member development on a fake clock: an application through talk, activist, candidate (refused as too early with the day it
/// becomes possible, then taken a year later), review, training, admission (the person becomes a probationary member) and
/// confirmation after the year of probation; every step audited; the refusals of scope and role; the pipeline and the board.
/// </summary>
public sealed class MembershipTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task AnApplication_GoesThroughTheStages_AndAStepTooEarly_IsRefusedWithItsDate(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 1, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        await app.CreateUserAsync("sup", "C", "Supervisor");
        var admin = await app.SignInAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/people", new { name = "王五", idNumber = Ids.Valid(55, 1998), organizationId = t.V11, memberStatus = "None" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var person = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("id").GetInt64();

        var member = await app.QueryAsync(db => db.People.Where(p => p.Name == "赵一").Select(p => p.Id).SingleAsync());
        var refusedMember = await admin.PostAsJsonAsync("/api/v1/membership", new { personId = member, appliedOn = "2025-02-20", document = "入党申请书", approvedBy = "孙三" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("sup")).PostAsJsonAsync("/api/v1/membership",
            new { personId = person, appliedOn = "2025-02-20", document = "入党申请书", approvedBy = "赵一" })).StatusCode);
        var applied = await admin.PostAsJsonAsync("/api/v1/membership", new { personId = person, appliedOn = "2025-02-20", document = "入党申请书", approvedBy = "赵一", groups = "ReturnedMigrant, Veteran" });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var record = await applied.Content.ReadFromJsonAsync<JsonElement>();
        var id = record.GetProperty("id").GetInt64();
        Assert.Equal("Applicant", record.GetProperty("stage").GetString());
        Assert.Equal("2025-03-22", record.GetProperty("talkDue").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/membership",
            new { personId = person, appliedOn = "2025-02-21", document = "入党申请书", approvedBy = "赵一" })).StatusCode);

        async Task<(HttpStatusCode Status, JsonElement Body)> Step(HttpClient client, object body)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/membership/{id}/steps", body);
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }
        var noTalk = await Step(admin, new { step = "Activist", on = "2025-02-28", document = "支委会记录", approvedBy = "赵一", contacts = "赵一、孙三" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noTalk.Status);
        Assert.Contains("谈话", noTalk.Body.GetProperty("errors").GetProperty("on")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await Step(admin, new { step = "Talk", on = "2025-02-25", document = "谈话记录", approvedBy = "赵一" })).Status);
        var oneContact = await Step(admin, new { step = "Activist", on = "2025-03-01", document = "支委会记录", approvedBy = "赵一", contacts = "孙三" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, oneContact.Status);
        Assert.True(oneContact.Body.GetProperty("errors").TryGetProperty("contacts", out _));
        Assert.Equal("Activist", (await Step(admin, new { step = "Activist", on = "2025-03-01", document = "支委会记录", approvedBy = "赵一", contacts = "赵一、孙三" })).Body.GetProperty("stage").GetString());

        // A candidate a day after being made an activist: refused with the rule and the first possible day.
        var early = await Step(admin, new { step = "Candidate", on = "2025-03-01", document = "支委会记录", approvedBy = "赵一" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.Status);
        Assert.Contains("2026年3月1日", early.Body.GetProperty("errors").GetProperty("on")[0].GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Step(admin, new { step = "Confirm", on = "2025-03-01", document = "支部大会决议", approvedBy = "赵一" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Step(await app.SignInAsync("t2admin"), new { step = "Candidate", on = "2025-03-01", document = "x", approvedBy = "y" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).GetAsync($"/api/v1/membership/{id}")).StatusCode);

        clock.Advance(TimeSpan.FromDays(369)); // 5 March 2026
        admin = await app.SignInAsync("admin");
        var details = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/membership/{id}");
        Assert.Equal(("Candidate", "2026-03-01"), (details.GetProperty("next")[0].GetProperty("step").GetString(), details.GetProperty("next")[0].GetProperty("possibleFrom").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await Step(admin, new { step = "Candidate", on = "2026-03-02", document = "支委会记录", approvedBy = "赵一" })).Status);
        Assert.Contains("政治审查", (await Step(admin, new { step = "Admit", on = "2026-03-05", approvedOn = "2026-03-05", document = "支部大会记录", approvedBy = "一号镇党委" })).Body.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Step(admin, new { step = "Review", on = "2026-03-03", document = "政审报告", approvedBy = "一号镇党委" })).Status);
        var shortTraining = await Step(admin, new { step = "Training", on = "2026-03-04", document = "培训证书", approvedBy = "县委党校", trainingDays = 2, trainingHours = 16 });
        Assert.True(shortTraining.Body.GetProperty("errors").TryGetProperty("trainingDays", out _));
        Assert.Equal(HttpStatusCode.OK, (await Step(admin, new { step = "Training", on = "2026-03-04", document = "培训证书", approvedBy = "县委党校", trainingDays = 3 })).Status);
        Assert.Equal("Probationary", (await Step(admin, new { step = "Admit", on = "2026-03-05", approvedOn = "2026-03-05", document = "支部大会记录", approvedBy = "一号镇党委" })).Body.GetProperty("stage").GetString());
        var probationary = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person}");
        Assert.Equal(("Probationary", "2026-03-05"), (probationary.GetProperty("person").GetProperty("memberStatus").GetString(), probationary.GetProperty("person").GetProperty("joinedOn").GetString()));
        var tooSoon = await Step(admin, new { step = "Confirm", on = "2026-03-05", document = "支部大会决议", approvedBy = "赵一" });
        Assert.Contains("2027年3月5日", tooSoon.Body.GetProperty("errors").GetProperty("on")[0].GetString());

        var pipeline = await admin.GetFromJsonAsync<JsonElement>("/api/v1/membership/pipeline?year=2026");
        Assert.Equal((1, 1), (pipeline.GetProperty("admittedInYear").GetInt32(), pipeline.GetProperty("atStage").GetProperty("Probationary").GetInt32()));
        var board = await admin.GetFromJsonAsync<JsonElement>("/api/v1/statistics?year=2026");
        var admitted = board.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray()).Single(f => f.GetProperty("key").GetString() == "dev.admitted");
        Assert.Equal(1, admitted.GetProperty("total").GetInt32());
        Assert.Contains("接收为预备党员", await admin.GetStringAsync($"/People/Details/{person}"));

        clock.Advance(TimeSpan.FromDays(370)); // 10 March 2027
        admin = await app.SignInAsync("admin");
        Assert.Equal("Full", (await Step(admin, new { step = "Confirm", on = "2027-03-06", document = "支部大会决议", approvedBy = "赵一" })).Body.GetProperty("stage").GetString());
        var full = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person}");
        Assert.Equal(("Full", "2027-03-06"), (full.GetProperty("person").GetProperty("memberStatus").GetString(), full.GetProperty("confirmedOn").GetString()));
        var actions = await app.QueryAsync(db => db.AuditEntries.Where(e => e.Action.StartsWith("membership.")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["membership.apply", "membership.talk", "membership.activist", "membership.candidate", "membership.review", "membership.training", "membership.admit", "membership.confirm"], actions);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ThePages_RegisterAnApplication_AndRefuseAStepTooEarlyBesideItsDate(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/people", new { name = "王五", idNumber = Ids.Valid(55, 1998), organizationId = t.V11, memberStatus = "None" })).StatusCode);
        var nobody = await admin.PostAsync("/Membership?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["organizationId"] = t.V11.ToString(System.Globalization.CultureInfo.InvariantCulture), ["name"] = "不存在", ["appliedOn"] = "2026-05-01", ["document"] = "入党申请书", ["approvedBy"] = "赵一",
        }));
        Assert.Equal(HttpStatusCode.OK, nobody.StatusCode);
        var page = await nobody.Content.ReadAsStringAsync();
        Assert.Contains("没有名为“不存在”的人员", page);
        Assert.Contains("value=\"入党申请书\"", page);
        var applied = await admin.PostAsync("/Membership?handler=Apply", new FormUrlEncodedContent(
        [
            new("organizationId", t.V11.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("name", "王五"), new("appliedOn", "2026-05-01"),
            new("document", "入党申请书"), new("approvedBy", "赵一"), new("groups", "Veteran"),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var details = applied.Headers.Location!.OriginalString;
        Assert.StartsWith("/Membership/Details/", details);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(details + "?handler=Step", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["step"] = "Talk", ["on"] = "2026-05-10", ["document"] = "谈话记录", ["approvedBy"] = "赵一" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(details + "?handler=Step", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["step"] = "Activist", ["on"] = "2026-05-20", ["document"] = "支委会记录", ["approvedBy"] = "赵一", ["contacts"] = "赵一、孙三" }))).StatusCode);
        var early = await admin.PostAsync(details + "?handler=Step", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["step"] = "Candidate", ["on"] = "2026-06-01", ["document"] = "支委会记录", ["approvedBy"] = "赵一" }));
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        var refused = await early.Content.ReadAsStringAsync();
        Assert.Contains("2027年5月20日", refused);
        Assert.Contains("is-invalid", refused);
        var list = await admin.GetStringAsync("/Membership?stage=Activist");
        Assert.Contains("王五", list);
        Assert.Contains("退伍军人", list);
    }
}
