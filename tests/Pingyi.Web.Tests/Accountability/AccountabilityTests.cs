using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Projects;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Accountability;

/// <summary>
/// Accountability for "有错无为、不在状态" (seed 003) through the API: the default lists (22 situations, 10 measures) and a new
/// version refused when wrong; a decision with its effect period (Civil Code §201–202) that bars a nomination with the measure and
/// the date named; a project accountability raised by a late milestone that bars it too, until a tolerated-mistake decision covers
/// it; reminder talks and clarifications counted; the profile page; only the organization department and the discipline body of
/// the subtree see or record any of it.
/// </summary>
public sealed class AccountabilityTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task ADecision_BarsANominationForItsEffectPeriod_AToleratedMistake_LiftsAProjectAccountability(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>());
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var people = await app.QueryAsync(db => db.People.ToDictionaryAsync(p => p.Name, p => p.Id));

        // The lists in force are the default version 0; a township administrator has no part in it.
        var lists = await admin.GetFromJsonAsync<JsonElement>("/api/v1/accountability/lists");
        Assert.Equal((0, 22, 10), (lists.GetProperty("version").GetInt32(), lists.GetProperty("situations").GetArrayLength(), lists.GetProperty("measures").GetArrayLength()));
        Assert.Equal(("诫勉", 6), (lists.GetProperty("measures")[3].GetProperty("name").GetString(), lists.GetProperty("measures")[3].GetProperty("effectMonths").GetInt32()));
        var township = await app.SignInAsync("t1admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync("/api/v1/accountability/lists")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync("/api/v1/accountability/records")).StatusCode);

        // A new version: every mistake named, nothing published until all hold.
        var wrong = await admin.PostAsJsonAsync("/api/v1/accountability/lists", new
        {
            document = "", situations = new[] { "推诿扯皮的", "推诿扯皮的" }, measures = new[] { new { name = "诫勉", effectMonths = 99 } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var refusal = await wrong.Content.ReadAsStringAsync();
        foreach (var expected in new[] { "请填写制定清单的文件", "情形“推诿扯皮的”重复", "第 1 种措施的影响期应为 0 到 60 个月" })
        {
            Assert.Contains(expected, refusal, StringComparison.Ordinal);
        }
        Assert.Equal(0, await app.QueryAsync(db => db.AccountabilityLists.CountAsync()));
        string[] situations = [.. lists.GetProperty("situations").EnumerateArray().Select(s => s.GetString()!)];
        var measures = lists.GetProperty("measures").EnumerateArray().Select(m => new { name = m.GetProperty("name").GetString()!, effectMonths = m.GetProperty("effectMonths").GetInt32() }).ToList();
        var published = await admin.PostAsJsonAsync("/api/v1/accountability/lists", new { document = "测发〔2026〕8号", situations, measures });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(1, (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        // A decision: refused when wrong; 诫勉 of 31 August runs to the last day of February (no 31 February: the month's last day).
        var bad = await admin.PostAsJsonAsync("/api/v1/accountability/records", new { personId = people["赵一"], situation = 23, measure = 4, document = "测纪〔2026〕3号", facts = "推诿扯皮", decidedOn = Day(1) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("请选择问责情形（第 1 到 22 种）", await bad.Content.ReadAsStringAsync());
        Assert.Contains("decidedOn", await bad.Content.ReadAsStringAsync());
        var decidedOn = new DateOnly(today.Year - (today < new DateOnly(today.Year, 9, 1) ? 1 : 0), 8, 31);
        var recorded = await admin.PostAsJsonAsync("/api/v1/accountability/records",
            new { personId = people["赵一"], situation = 2, measure = 4, document = "测纪〔2026〕3号", facts = "群众反映的低保复核久拖不办", decidedOn = decidedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var record = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        var until = new DateOnly(decidedOn.Year + 1, 2, DateTime.DaysInMonth(decidedOn.Year + 1, 2));
        Assert.Equal(until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), record.GetProperty("effectUntil").GetString());
        Assert.Equal((1, "对职责范围内的工作推诿扯皮、敷衍塞责、久拖不办的"), (record.GetProperty("listVersion").GetInt32(), record.GetProperty("situation").GetString()));
        Assert.True(record.GetProperty("inEffect").GetBoolean());

        // A project of 孙三's three weeks past the 30-day threshold: the job holds the leader to account.
        var project = await admin.PostAsJsonAsync("/api/v1/projects", new
        {
            name = "村级光伏电站建设", organizationId = t.T1, leaderPersonId = people["孙三"], contacts = "钱二", startOn = Day(-200),
            milestones = new[] { new { name = "并网发电", dueOn = Day(-51) } },
        });
        Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        await app.Services.GetRequiredService<ProjectDelays>().RunOnceAsync();
        var projectAccountability = await app.QueryAsync(db => db.ProjectAccountabilities.Select(a => a.Id).SingleAsync());

        // Eligibility reads both: the measure and its last day, the project accountability; 钱二 has neither.
        var batch = await admin.PostAsJsonAsync("/api/v1/selection/batches", new
        {
            title = "问责影响期测试批次", year = today.Year, organizationId = t.County, nominationFrom = Day(-1), nominationUntil = Day(10),
            posts = new[] { new { title = "一号镇副镇长", organizationId = t.T1, rank = "副科级", places = 1 } },
        });
        var body = await batch.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/selection/batches/{body.GetProperty("batch").GetProperty("id").GetInt64()}/publish", null)).StatusCode);
        var post = body.GetProperty("posts")[0].GetProperty("id").GetInt64();
        Task<HttpResponseMessage> Nominate(string name) =>
            admin.PostAsJsonAsync("/api/v1/selection/nominations", new { postId = post, personId = people[name], channel = "Organization", evidence = "推荐函" });
        var barred = await Nominate("赵一");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, barred.StatusCode);
        Assert.Contains($"问责处理尚在影响期内（诫勉，影响期至{until.Year}年{until.Month}月{until.Day}日）", await barred.Content.ReadAsStringAsync());
        Assert.Contains("问责处理尚在影响期内（项目问责", await (await Nominate("孙三")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Nominate("钱二")).StatusCode);

        // A tolerated mistake covers the project accountability (once, and only the leader's own); then 孙三 may stand.
        Task<HttpResponseMessage> Note(string name, string kind, string reasons, long? covers = null) =>
            admin.PostAsJsonAsync("/api/v1/accountability/notes", new { personId = people[name], kind, on = Day(0), reasons, projectAccountabilityId = covers });
        var notTheirs = await Note("钱二", "ToleratedMistake", "工期受汛期影响", projectAccountability);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notTheirs.StatusCode);
        Assert.Contains("不是钱二的", await notTheirs.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await Note("孙三", "ToleratedMistake", "并网延误因供电公司线路改造，本人已尽责推进", projectAccountability)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Note("孙三", "ToleratedMistake", "再次", projectAccountability)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Nominate("孙三")).StatusCode);

        // Reminder talks and a clarification, counted with the year's figures.
        Assert.Equal(HttpStatusCode.Created, (await Note("钱二", "ReminderTalk", "季度讲评排名靠后")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Note("李四", "ReminderTalk", "会议迟到两次")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Note("李四", "Clarification", "经核查，举报其优亲厚友不属实，在村民代表会议上澄清")).StatusCode);
        var summary = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/accountability/summary?year={today.Year}");
        Assert.Equal((2, 1, 1, 1), (summary.GetProperty("reminderTalks").GetInt32(), summary.GetProperty("clarifications").GetInt32(), summary.GetProperty("tolerated").GetInt32(),
            summary.GetProperty("inEffect").GetInt32()));

        // Scope: the discipline body of the first township sees its own (赵一, 孙三, 钱二), not 李四 of the second, and cannot record on him.
        await app.CreateUserAsync("t1jw", "T1", "DisciplineInspection");
        var t1Discipline = await app.SignInAsync("t1jw");
        var theirs = await t1Discipline.GetFromJsonAsync<JsonElement>("/api/v1/accountability/notes");
        Assert.Equal(["孙三", "钱二"], theirs.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await t1Discipline.PostAsJsonAsync("/api/v1/accountability/records",
            new { personId = people["李四"], situation = 1, measure = 1, document = "测纪〔2026〕4号", facts = "x", decidedOn = Day(0) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await t1Discipline.PostAsJsonAsync("/api/v1/accountability/lists", new { document = "x", situations, measures })).StatusCode);

        // The profile: the decision, the notes and the nomination, beside the archive; not for a township administrator.
        var profile = await admin.GetStringAsync($"/Accountability/Cadre/{people["赵一"]}");
        Assert.Contains("群众反映的低保复核久拖不办", profile, StringComparison.Ordinal);
        Assert.Contains("季度实绩考评", profile, StringComparison.Ordinal);
        var sun = await admin.GetStringAsync($"/Accountability/Cadre/{people["孙三"]}");
        Assert.Contains("并网延误因供电公司线路改造", sun, StringComparison.Ordinal);
        Assert.Contains("问责影响期测试批次", sun, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await township.GetAsync($"/Accountability/Cadre/{people["赵一"]}")).StatusCode);

        // An economic responsibility audit report with its file: refused without one, read back on the profile and downloaded as stored.
        MultipartFormDataContent Report(bool withFile)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(people["赵一"].ToString(CultureInfo.InvariantCulture)), "personId" }, { new StringContent("赵一同志任期经济责任审计报告"), "title" },
                { new StringContent("县审计局"), "auditor" }, { new StringContent(Day(-10)), "issuedOn" }, { new StringContent("未发现重大违纪违规问题，村级财务管理制度执行到位"), "findings" },
            };
            if (withFile)
            {
                form.Add(new ByteArrayContent("%PDF-1.4 审计报告"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }, "file", "审计报告.pdf");
            }
            return form;
        }
        var noFile = await admin.PostAsync("/api/v1/accountability/audit-reports", Report(false));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noFile.StatusCode);
        Assert.Contains("请附上审计报告文件", await noFile.Content.ReadAsStringAsync());
        var filed = await admin.PostAsync("/api/v1/accountability/audit-reports", Report(true));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal("%PDF-1.4 审计报告"u8.ToArray(), await admin.GetByteArrayAsync(filed.Headers.Location));
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync(filed.Headers.Location)).StatusCode);
        Assert.Contains("村级财务管理制度执行到位", await admin.GetStringAsync($"/Accountability/Cadre/{people["赵一"]}"), StringComparison.Ordinal);

        var actions = await app.QueryAsync(db => db.AuditEntries.Where(e => e.Action.StartsWith("accountability.")).Select(e => e.Action).ToListAsync());
        Assert.Equal((1, 1, 4, 1), (actions.Count(a => a == "accountability.lists"), actions.Count(a => a == "accountability.record"), actions.Count(a => a == "accountability.note"),
            actions.Count(a => a == "accountability.audit")));
    }
}
