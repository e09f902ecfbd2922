using System.Net.Http.Json;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// Every form that creates something lists all its mistakes at once, marks each field, keeps what was typed and saves
/// nothing (the ledger's form has its own test).
/// </summary>
public sealed class FormRefusalTests
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> PostAsync(HttpClient client, string url, params (string Key, string Value)[] fields)
    {
        var response = await client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return html;
    }

    [Fact]
    public async Task ARefusedPerson_ListsTheIdNumber_ThePhone_AndTheDates_AtOnce()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var before = await app.QueryAsync(db => db.People.CountAsync());

        var html = await PostAsync(admin, "/People?handler=Create", ("name", "王新"), ("idNumber", "110101199001011234"), ("phone", "12345"),
            ("organization", Id(tree.V12)), ("memberStatus", "Full"), ("joinedOn", ""), ("confirmedOn", ""));

        Assert.Contains("请修改以下 3 处后再保存。", html);
        Assert.Contains("身份证号码", html);
        Assert.Contains("党员应填写入党日期", html);
        Assert.Contains("value=\"王新\"", html);
        Assert.Contains("value=\"12345\"", html);
        Assert.Contains($"<option value=\"{tree.V12}\" selected=\"selected\">", html);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "form-control is-invalid|form-select is-invalid"));
        Assert.Equal(before, await app.QueryAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task ARefusedAccount_ListsTheName_TheRoles_AndThePassword_AtOnce()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var before = await app.QueryAsync(db => db.Users.CountAsync());

        var html = await PostAsync(admin, "/Accounts?handler=Create", ("userName", "x"), ("displayName", "小王"), ("organization", Id(tree.T1)), ("password", "short"));

        Assert.Contains("请修改以下 3 处后再保存。", html);
        Assert.Contains("用户名应为2至50个字符", html);
        Assert.Contains("请至少选择一个角色", html);
        Assert.Contains("密码至少10个字符", html);
        Assert.Contains("value=\"小王\"", html);
        Assert.DoesNotContain("value=\"short\"", html);
        Assert.Equal(before, await app.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task ARefusedOrganization_OpensItsForm_WithBothMistakes()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var before = await app.QueryAsync(db => db.Organizations.CountAsync());

        var html = await PostAsync(admin, $"/Organizations/Details/{tree.T1}?handler=Create", ("Code", ""), ("Name", new string('村', 201)),
            ("Level", "Branch"), ("Category", "None"));

        Assert.Contains("请修改以下 2 处后再保存。", html);
        Assert.Contains("组织编码不能为空", html);
        Assert.Contains("组织名称不能为空，且不超过200个字符", html);
        Assert.Contains("<details class=\"mb-2\" open=\"open\">", html);
        Assert.Equal(before, await app.QueryAsync(db => db.Organizations.CountAsync()));
    }

    [Fact]
    public async Task ARefusedTask_KeepsItsText_AndNamesBothMissingFields()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var html = await PostAsync(admin, "/Supervision?tab=tasks&handler=Task", ("title", " "), ("description", "按时报送组织生活会材料"), ("deadline", "2026-12-31"));

        Assert.Contains("请修改以下 2 处后再保存。", html);
        Assert.Contains("请填写任务名称", html);
        Assert.Contains("请选择承办单位", html);
        Assert.Contains("按时报送组织生活会材料</textarea>", html);
        Assert.Equal(0, await app.QueryAsync(db => db.WorkTasks.CountAsync()));
    }

    [Fact]
    public async Task ARefusedMeeting_NamesTheTitle_AndTheMissingReporters()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var html = await PostAsync(admin, $"/Meetings/Create?hostId={tree.T1}", ("title", ""), ("cycle", "2026年下半年"), ("direction", "Upward"),
            ("heldOn", "2026-12-20"), ("location", "镇会议室"));

        Assert.Contains("请修改以下 2 处后再保存。", html);
        Assert.Contains("会议名称不能为空", html);
        Assert.Contains("请列出述职人", html);
        Assert.Contains("value=\"镇会议室\"", html);
        Assert.Equal(0, await app.QueryAsync(db => db.Meetings.CountAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.Schemes.CountAsync()));
    }

    [Fact]
    public async Task ALongTaskRequirement_IsCutInTheList_AndExpandsWhole()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var requirement = string.Concat(Enumerable.Repeat("按要求召开组织生活会并报送会议记录。", 20));

        var created = await admin.PostAsJsonAsync("/api/v1/tasks", new { title = "组织生活会", description = requirement, organizationIds = new[] { tree.T1 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var html = await admin.GetStringAsync("/Supervision?tab=tasks");

        Assert.Contains($"<span class=\"py-cut-short\">{requirement[..120]}…</span>", html);
        Assert.Contains($"<div class=\"py-cut-whole\">{requirement}</div>", html);
    }
}
