using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// The public boards are kept in the output cache for anonymous visitors (an <c>Age</c> header marks a kept answer) until the
/// audit trail moves; signed-in users and other languages get their own answers.
/// </summary>
public sealed class PublicCacheTests
{
    [Fact]
    public async Task APublicBoard_IsKeptForVisitors_UntilAChange_AndNeverForSignedInUsers()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.CreateAsync("Sqlite", clock: clock);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var visitor = app.CreateClient();
        async Task<(bool Kept, string Body)> Visit(HttpClient client, string path = "/Public/Statistics", string? language = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (language is not null)
            {
                request.Headers.Add("Cookie", ".AspNetCore.Culture=" + Uri.EscapeDataString($"c={language}|uic={language}"));
            }
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (response.Headers.Age is not null, await response.Content.ReadAsStringAsync());
        }

        var first = await Visit(visitor);
        var second = await Visit(visitor);
        var api = (await Visit(visitor, "/api/public/bulletins"), await Visit(visitor, "/api/public/bulletins"));
        var english = await Visit(visitor, language: "en"); // the language chosen on the page (a cookie)

        // A change (audited): a second later the next visitor gets a fresh board with it.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/ledger",
            new { category = "组织建设", description = "三会一课记录不全", responsibleOrganizationId = t.V11, deadline = "2030-06-20" })).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var afterChange = await Visit(visitor);
        var afterChangeAgain = await Visit(visitor);
        var signedIn = (await Visit(admin), await Visit(admin));

        Assert.False(first.Kept);
        Assert.True(second.Kept);
        Assert.Equal(first.Body, second.Body);
        Assert.False(api.Item1.Kept);
        Assert.True(api.Item2.Kept);
        Assert.False(english.Kept); // another language is another page
        Assert.NotEqual(first.Body, english.Body);
        Assert.False(afterChange.Kept);
        Assert.NotEqual(first.Body, afterChange.Body);
        Assert.True(afterChangeAgain.Kept);
        Assert.False(signedIn.Item1.Kept);
        Assert.False(signedIn.Item2.Kept);
    }
}
