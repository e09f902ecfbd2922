using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// The endpoints open without signing in are limited per address — writes and reads separately, a sentence in Chinese with
/// Retry-After — while a meeting hall's phones (the ballot page and ballots) and signed-in work are not.
/// </summary>
public sealed class PublicLimitTests
{
    [Fact]
    public async Task PublicWritesAndReads_AreLimitedPerAddress_ButNotTheRatersOrSignedInWork()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", settings: new Dictionary<string, string>
        {
            ["Security:PublicWritesPerMinute"] = "3",
            ["Security:PublicReadsPerMinute"] = "5",
        });
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var resident = app.CreateClient();
        var petition = new
        {
            organizationId = tree.T1, kind = "Claim", name = "王五", address = "东村", phone = "13800001234", request = "请求解决饮水问题", facts = "自来水经常停水",
        };

        var filed = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            filed.Add((await resident.PostAsJsonAsync("/api/v1/petitions/track/file", petition)).StatusCode);
        }
        var refusedWrite = await resident.PostAsJsonAsync("/api/v1/petitions/track/file", petition);
        var reads = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            reads.Add((await resident.GetAsync("/api/public/bulletins")).StatusCode);
        }
        var refusedPage = await resident.GetAsync("/Public/Statistics");
        var ballotPages = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            ballotPages.Add((await resident.GetAsync("/b")).StatusCode);
        }
        var signedIn = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            signedIn.Add((await admin.GetAsync("/api/v1/organizations")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], filed);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedWrite.StatusCode);
        Assert.Equal("60", refusedWrite.Headers.RetryAfter?.ToString());
        Assert.Equal("请求过于频繁，请一分钟后再试", (await refusedWrite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(3, await app.QueryAsync(db => db.Petitions.CountAsync()));
        Assert.All(reads, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedPage.StatusCode);
        Assert.Contains("请求过于频繁", await refusedPage.Content.ReadAsStringAsync());
        Assert.All(ballotPages, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(signedIn, s => Assert.Equal(HttpStatusCode.OK, s));
    }
}
