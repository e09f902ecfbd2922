using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// Every log line written at Debug and above while passwords, tokens, ID and phone numbers, a petitioner's details, rater
/// codes and ballots pass through the platform — none of them appears in the log.
/// </summary>
public sealed class LogSecrecyTests
{
    [Fact]
    public async Task NoSecretOrPersonalDetail_ReachesTheLog()
    {
        var capture = new LogCapture();
        var lines = capture.Lines;
        await using var room = await MeetingRoom.CreateAsync("Sqlite", open: true, settings: new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Debug", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug", ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
            },
            services: s => s.AddSingleton<ILoggerProvider>(capture));
        var (app, tree, admin) = (room.App, room.Tree, room.Admin);
        const string idNumber = "410326199003154417", phone = "13912345678", petitioner = "欧阳秘密", petitionerPhone = "13698765432", password = "Clerk-Secret-2026";

        var person = await admin.PostAsJsonAsync("/api/v1/people", new { name = "陈新", idNumber, phone, organizationId = tree.V11, memberStatus = "None" });
        var account = await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "v11clerk", organizationId = tree.V11, roles = new[] { "Secretary" }, password });
        var wrong = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "v11clerk", password = password + "x" });
        var issued = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "v11clerk", password });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var filed = await app.CreateClient().PostAsJsonAsync("/api/v1/petitions/track/file", new
        {
            organizationId = tree.T1, kind = "Claim", name = petitioner, address = "东村3组", phone = petitionerPhone, request = "请求修复村道", facts = "村道被洪水冲毁",
        });
        var tracking = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var code = room.Meeting.Codes["public"][0];
        var cast = await room.CastAsync(code, room.Meeting.Reporters[0], "good", new { category = "组织建设", text = "建议加强阵地建设" });
        var receipt = (await cast.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
        var unknownCode = await room.CastAsync("ZZZZ-ZZZZ", room.Meeting.Reporters[0], "good");

        Assert.Equal(HttpStatusCode.Created, person.StatusCode);
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.True(cast.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownCode.StatusCode);
        Assert.True(lines.Count > 50, $"{lines.Count} log lines captured:\n" + string.Join("\n", lines));
        string[] secrets = [TestApp.AdminPassword, password, token, token[..16], idNumber, idNumber[6..14], phone, petitioner, petitionerPhone, tracking, code, receipt, TestApp.PiiKey, "建议加强阵地建设"];
        var leaks = lines.SelectMany(l => secrets.Where(s => l.Contains(s, StringComparison.Ordinal)).Select(s => $"“{s}” in: {l}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(20)));
    }
}
