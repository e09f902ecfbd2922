using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Bench;

/// <summary>
/// Ballot intake over HTTP on loopback (Kestrel): 1,000 raters × 14 reporters submitting at once,
/// each 201 only after its batch is durably committed, beside a trivial JSON endpoint of the same
/// host under the same load generator. Then the live board: from a ballot's acknowledgement to the
/// board's update with 1,000 rater pages connected.
/// </summary>
internal static class IntakeBench
{
    public static async Task RunAsync(string dataDirectory, int raters, int rounds)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var host = new BenchHost(dataDirectory);
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2000, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        { BaseAddress = new Uri(address) };
        var provider = Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is { Length: > 0 } ? "PostgreSQL" : "SQLite (WAL, synchronous=FULL)";

        long batches = 0, batched = 0;
        double writing = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Pingyi.Ballots")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => { Interlocked.Increment(ref batches); Interlocked.Add(ref batched, value); });
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => writing += value);
        listener.Start();
        for (var round = 0; round < rounds; round++)
        {
            batches = batched = 0;
            writing = 0;
            var (meetingId, reporters, codes) = await PrepareAsync(host, raters, round);
            // Each rater opens the ballot sheet first, as a phone does after scanning (not timed).
            await Load(client, raters, 1, (rater, _) =>
            {
                var sheet = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ballot-sheet");
                sheet.Headers.Add("X-Rater-Code", codes[rater]);
                return sheet;
            });
            // Warm both endpoints on every connection the load will use.
            await Load(client, raters, 1, (_, _) => new HttpRequestMessage(HttpMethod.Get, "/bench/trivial"));
            var trivial = await Load(client, raters, reporters.Length, (_, _) => new HttpRequestMessage(HttpMethod.Get, "/bench/trivial"));
            var ballots = await Load(client, raters, reporters.Length, (rater, i) =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ballots")
                {
                    Content = JsonContent.Create(new { meetingId, reporterId = reporters[i], grade = (i + rater) % 4 == 0 ? "fairlyGood" : "good" }),
                };
                request.Headers.Add("X-Rater-Code", codes[rater]);
                return request;
            });
            var stored = await Count(host, meetingId);
            Console.WriteLine($"RESULT intake round {round + 1} {provider}: {ballots.Ok:N0} ballots acknowledged ({stored:N0} stored, {ballots.Failed} failed) " +
                $"in {ballots.Seconds:F2} s = {ballots.Ok / ballots.Seconds:N0}/s, p50 {ballots.P50:F1} ms, p99 {ballots.P99:F1} ms; " +
                $"trivial endpoint {trivial.Ok / trivial.Seconds:N0}/s, p99 {trivial.P99:F1} ms; ratio {(ballots.Ok / ballots.Seconds) / (trivial.Ok / trivial.Seconds):P0}; " +
                $"writer: {batches} batches, mean {(batches == 0 ? 0 : batched / batches)} ballots, {writing:F0} ms writing");
        }

        await BoardAsync(host, client, address, raters);
        Console.WriteLine($"(load generator and server share this machine's {Environment.ProcessorCount} cores)");
    }

    /// <summary>Board latency: ballots go in one at a time while 1,000 rater pages and one board listen.</summary>
    private static async Task BoardAsync(BenchHost host, HttpClient client, string address, int raters)
    {
        var (meetingId, reporters, codes) = await PrepareAsync(host, raters, 99);
        var pages = new List<HubConnection>();
        for (var i = 0; i < raters; i++)
        {
            var page = new HubConnectionBuilder().WithUrl(address.TrimEnd('/') + "/hubs/meetings").Build();
            await page.StartAsync();
            await page.InvokeAsync("WatchSheet", meetingId);
            pages.Add(page);
        }
        using var signIn = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = client.BaseAddress };
        var cookie = await SignInAsync(signIn);
        var board = new HubConnectionBuilder().WithUrl(address.TrimEnd('/') + "/hubs/meetings", o => o.Headers.Add("Cookie", cookie)).Build();
        var updates = System.Threading.Channels.Channel.CreateUnbounded<(DateTime At, int Cast)>();
        board.On<System.Text.Json.JsonElement>("board", state =>
            updates.Writer.TryWrite((DateTime.UtcNow, state.GetProperty("reporters")[0].GetProperty("cast").GetInt32())));
        await board.StartAsync();
        await board.InvokeAsync<System.Text.Json.JsonElement>("WatchBoard", meetingId);

        var latencies = new List<double>();
        for (var i = 0; i < Math.Min(200, codes.Length); i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ballots")
            {
                Content = JsonContent.Create(new { meetingId, reporterId = reporters[0], grade = "good" }),
            };
            request.Headers.Add("X-Rater-Code", codes[i]);
            var response = await client.SendAsync(request);
            var acknowledged = DateTime.UtcNow;
            response.EnsureSuccessStatusCode();
            while (true)
            {
                var (at, cast) = await updates.Reader.ReadAsync();
                if (cast >= i + 1)
                {
                    latencies.Add(Math.Max(0, (at - acknowledged).TotalMilliseconds));
                    break;
                }
            }
            await Task.Delay(Random.Shared.Next(20, 150));
        }
        latencies.Sort();
        Console.WriteLine($"RESULT board with {raters:N0} rater pages connected: acknowledgement → board update p50 {latencies[latencies.Count / 2]:F0} ms, " +
            $"p95 {latencies[(int)(latencies.Count * 0.95)]:F0} ms, max {latencies[^1]:F0} ms over {latencies.Count} ballots");
        foreach (var page in pages)
        {
            await page.DisposeAsync();
        }
        await board.DisposeAsync();
    }

    private static async Task<string> SignInAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = BenchHost.Password });
        response.EnsureSuccessStatusCode();
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    private sealed record LoadResult(int Ok, int Failed, double Seconds, double P50, double P99);

    /// <summary>
    /// The load generator: one keep-alive TCP connection per rater writing prepared HTTP/1.1 requests
    /// and reading the answers — far cheaper than HttpClient, so more of the two cores serve.
    /// </summary>
    private static async Task<LoadResult> Load(HttpClient client, int raters, int perRater, Func<int, int, HttpRequestMessage> make)
    {
        var uri = client.BaseAddress!;
        var requests = new byte[raters][][];
        for (var r = 0; r < raters; r++)
        {
            requests[r] = new byte[perRater][];
            for (var i = 0; i < perRater; i++)
            {
                using var message = make(r, i);
                var body = message.Content is null ? [] : await message.Content.ReadAsByteArrayAsync();
                var head = new System.Text.StringBuilder()
                    .Append(message.Method.Method).Append(' ').Append(message.RequestUri!.OriginalString).Append(" HTTP/1.1\r\n")
                    .Append("Host: ").Append(uri.Authority).Append("\r\n");
                foreach (var h in message.Headers)
                {
                    head.Append(h.Key).Append(": ").Append(string.Join(",", h.Value)).Append("\r\n");
                }
                if (message.Content is not null)
                {
                    head.Append("Content-Type: application/json\r\n");
                }
                head.Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
                requests[r][i] = [.. System.Text.Encoding.ASCII.GetBytes(head.ToString()), .. body];
            }
        }
        var connections = new System.Net.Sockets.Socket[raters];
        for (var r = 0; r < raters; r++)
        {
            connections[r] = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await connections[r].ConnectAsync(uri.Host, uri.Port);
        }
        var latencies = new double[raters * perRater];
        var ok = 0;
        var failed = 0;
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, raters).Select(async rater =>
        {
            await start.Task;
            var socket = connections[rater];
            var buffer = new byte[16384];
            for (var i = 0; i < perRater; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await socket.SendAsync(requests[rater][i]);
                var status = await ReadResponseAsync(socket, buffer);
                latencies[(rater * perRater) + i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (status is >= 200 and < 300)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }).ToList();
        var watch = Stopwatch.StartNew();
        start.SetResult();
        await Task.WhenAll(tasks);
        var seconds = watch.Elapsed.TotalSeconds;
        foreach (var c in connections)
        {
            c.Dispose();
        }
        Array.Sort(latencies);
        return new LoadResult(ok, failed, seconds, latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)]);
    }

    /// <summary>Reads one HTTP/1.1 response with a Content-Length (what Kestrel sends for these) and returns its status.</summary>
    private static async Task<int> ReadResponseAsync(System.Net.Sockets.Socket socket, byte[] buffer)
    {
        var filled = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled));
            if (read == 0)
            {
                throw new IOException("connection closed");
            }
            filled += read;
            var text = System.Text.Encoding.ASCII.GetString(buffer, 0, filled);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }
            var status = int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
            var headers = text[..end];
            if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            {
                while (!System.Text.Encoding.ASCII.GetString(buffer, 0, filled).EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal))
                {
                    var more = await socket.ReceiveAsync(buffer.AsMemory(filled));
                    if (more == 0)
                    {
                        throw new IOException("connection closed");
                    }
                    filled += more;
                }
                return status;
            }
            var lengthAt = headers.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
            var length = 0;
            if (lengthAt >= 0)
            {
                var lineEnd = headers.IndexOf("\r\n", lengthAt, StringComparison.Ordinal);
                length = int.Parse(headers.AsSpan(lengthAt + 16, (lineEnd < 0 ? headers.Length : lineEnd) - lengthAt - 16), System.Globalization.CultureInfo.InvariantCulture);
            }
            var total = end + 4 + length;
            while (filled < total)
            {
                var more = await socket.ReceiveAsync(buffer.AsMemory(filled));
                if (more == 0)
                {
                    throw new IOException("connection closed");
                }
                filled += more;
            }
            return status;
        }
    }

    internal static async Task<(long MeetingId, long[] Reporters, string[] Codes)> PrepareAsync(BenchHost host, int raters, int round)
    {
        using var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        var now = DateTime.UtcNow;
        var county = db.Organizations.FirstOrDefault(o => o.Code == "BENCH");
        if (county is null)
        {
            county = new Organization { Code = "BENCH", Name = "压测县委", Level = OrganizationLevel.CountyCommittee, EstablishedOn = new DateOnly(1950, 1, 1), CreatedAt = now, UpdatedAt = now };
            db.Organizations.Add(county);
            await db.SaveChangesAsync();
            county.Path = $"/{county.Id}/";
        }
        var townships = Enumerable.Range(1, 14).Select(i => new Organization
        {
            Code = $"BENCH{round}-T{i}", Name = $"{i}号镇党委", Level = OrganizationLevel.TownshipCommittee, ParentId = county.Id, Depth = 1,
            EstablishedOn = new DateOnly(1950, 1, 1), CreatedAt = now, UpdatedAt = now,
        }).ToList();
        db.Organizations.AddRange(townships);
        await db.SaveChangesAsync();
        foreach (var t in townships)
        {
            t.Path = $"{county.Path}{t.Id}/";
        }
        await db.SaveChangesAsync();
        if (round == 0)
        {
            // The administrator is created once a county exists.
            await Pingyi.Web.Modules.Accounts.AccountSeeding.EnsureAdministratorAsync(scope.ServiceProvider,
                scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        }
        var services = scope.ServiceProvider;
        var scheme = await services.GetRequiredService<CreateSchemeHandler>().HandleAsync(new CreateScheme("压测方案", county.Id, new Pingyi.Core.Evaluation.SchemeRules
        {
            Groups = [new("committee", "县委常委", 40), new("leaders", "部门负责人", 30), new("public", "党员群众代表", 30)],
        }));
        var meeting = await services.GetRequiredService<CreateMeetingHandler>().HandleAsync(new CreateMeeting("压测述职评议会", "2026 上半年", county.Id, MeetingDirection.Upward, scheme.Id, null, null,
            [.. townships.Select((t, i) => new NewReporter(t.Id, Name: $"书记{i + 1}"))], null));
        var codes = new List<string>();
        foreach (var (key, count) in new[] { ("committee", raters / 3), ("leaders", raters / 3), ("public", raters - (2 * (raters / 3))) })
        {
            codes.AddRange((await services.GetRequiredService<GenerateCodesHandler>().HandleAsync(meeting.Id, new GenerateCodes(key, count))).Select(c => c.Code));
        }
        await services.GetRequiredService<ChangeScoringHandler>().OpenAsync(meeting.Id, null);
        return (meeting.Id, [.. meeting.Reporters.OrderBy(r => r.Order).Select(r => r.Id)], [.. codes]);
    }

    private static async Task<int> Count(BenchHost host, long meetingId)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        return db.Ballots.Count(b => b.MeetingId == meetingId);
    }
}
