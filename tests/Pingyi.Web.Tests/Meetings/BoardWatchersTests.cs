using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Meetings;

/// <summary>
/// Ballots make the board read its counts again only while a screen watches it (the province's afternoon spent 42% of a
/// node's CPU rendering boards no one watched); a screen that connects gets every count from then on, and after it leaves
/// the ballots cost no rendering again. Several nodes: ClusterTests (a screen on the third node, ballots on the first).
/// </summary>
public sealed class BoardWatchersTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Ballots_RenderTheBoard_OnlyWhileAScreenWatchesIt(string provider)
    {
        await using var room = await MeetingRoom.CreateAsync(provider, reporters: 2, ratersPerGroup: 6, open: true, kestrel: true);
        var board = room.App.Services.GetRequiredService<MeetingBoard>();
        var codes = room.Meeting.Codes.Values.SelectMany(c => c).ToArray();
        var cast = 0;
        async Task CastAsync(int count)
        {
            for (var i = 0; i < count; i++, cast++)
            {
                using var answer = await room.CastAsync(codes[cast / 2], room.Meeting.Reporters[cast % 2], "good");
                Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            }
        }
        async Task<long> SettledRendersAsync()
        {
            await Task.Delay(TimeSpan.FromSeconds(1)); // ten pauses: any push these ballots scheduled has happened
            return board.Renders;
        }

        // Opening is the chair's act: rendered for the phones whether or not a screen watches.
        var afterOpening = await SettledRendersAsync();
        Assert.True(afterOpening >= 1, $"opening rendered {afterOpening} boards");
        await CastAsync(8);
        Assert.Equal(afterOpening, await SettledRendersAsync());

        var issued = await room.Admin.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = TestApp.AdminPassword, days = 1 });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var screen = await BoardWatcher.StartAsync(new Uri(room.App.ServerAddress), token, room.Id);
        var acknowledged = new List<(long At, int Cast)>();
        for (var i = 0; i < 8; i++)
        {
            await CastAsync(1);
            acknowledged.Add((screen.Clock.ElapsedTicks, cast));
        }
        var latencies = await screen.LatenciesAsync(acknowledged);
        Assert.Equal(8, latencies.Count); // the screen saw every count from 9 to 16
        Assert.Equal(16, screen.LastCast);
        var watched = await SettledRendersAsync();
        Assert.True(watched > afterOpening, $"{watched - afterOpening} boards rendered for a watching screen");

        await screen.DisposeAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // the hub hears the connection close
        await CastAsync(8);
        Assert.Equal(watched, await SettledRendersAsync());
    }
}
