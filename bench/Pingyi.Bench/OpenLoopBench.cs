using System.Collections.Concurrent;
using System.Globalization;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Pingyi.Bench;

/// <summary>
/// Ballot intake at fixed offered rates (open loop, like wrk2: request <c>i</c> leaves at <c>start + i / rate</c> whether or
/// not the earlier ones were answered, and its latency counts from that scheduled moment, so a stalled server shows as
/// latency instead of as fewer requests — no coordinated omission), beside the host's constant JSON endpoint at the same
/// rates, in one run on one host (Kestrel on loopback). Issue 18's goal on SQLite: p99 ≤ 25 ms at 5,000 ballots/s.
/// </summary>
internal static class OpenLoopBench
{
    public static async Task RunAsync(string dataDirectory, int[] rates, double seconds)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var host = new BenchHost(dataDirectory);
        host.UseKestrel(0);
        host.StartServer();
        var address = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var provider = Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is { Length: > 0 } ? "PostgreSQL" : "SQLite (WAL, synchronous=FULL)";
        Console.WriteLine($"open loop, {seconds:F0} s per rate, {provider}; latency from each request's scheduled moment (ms)");

        // Warm-up: both endpoints, a few thousand requests, not reported.
        var (warmMeeting, warmReporters, warmCodes) = await IntakeBench.PrepareAsync(host, 300, 100);
        await SendAsync(client, 2000, 2000, _ => new HttpRequestMessage(HttpMethod.Get, "/bench/trivial"));
        await SendAsync(client, 2000, Math.Min(2000, warmCodes.Length * warmReporters.Length), i => Ballot(warmMeeting, warmReporters, warmCodes, i));

        for (var r = 0; r < rates.Length; r++)
        {
            var rate = rates[r];
            var count = (int)(rate * seconds);
            var (meetingId, reporters, codes) = await IntakeBench.PrepareAsync(host, (count / 14) + 1, 101 + r);
            var trivial = await SendAsync(client, rate, count, _ => new HttpRequestMessage(HttpMethod.Get, "/bench/trivial"));
            var ballots = await SendAsync(client, rate, count, i => Ballot(meetingId, reporters, codes, i));
            Console.WriteLine($"RESULT openloop {rate,6:N0}/s offered: ballots   {ballots}");
            Console.WriteLine($"RESULT openloop {rate,6:N0}/s offered: constant  {trivial}");
            Console.WriteLine($"RESULT openloop {rate,6:N0}/s offered: p99 ratio ballots / constant {ballots.P99 / trivial.P99:F1}");
        }

        // The public board under a crowd (issue 18, item 5): ballots at 1,000 and 5,000/s alone, then beside 5,000 anonymous
        // reads/s of the public statistics board (kept in the output cache), same host, same run.
        foreach (var rate in new[] { 1000, 5000 })
        {
            var count = (int)(rate * seconds);
            var reads = (int)(5000 * seconds);
            var (aloneMeeting, aloneReporters, aloneCodes) = await IntakeBench.PrepareAsync(host, (count / 14) + 1, 301 + rate);
            var alone = await SendAsync(client, rate, count, i => Ballot(aloneMeeting, aloneReporters, aloneCodes, i));
            var (meetingId, reporters, codes) = await IntakeBench.PrepareAsync(host, (count / 14) + 1, 302 + rate);
            var crowd = SendAsync(client, 5000, reads, _ => new HttpRequestMessage(HttpMethod.Get, "/Public/Statistics"));
            var beside = await SendAsync(client, rate, count, i => Ballot(meetingId, reporters, codes, i));
            var board = await crowd;
            Console.WriteLine($"RESULT openloop crowd {rate,6:N0} ballots/s alone:                     {alone}");
            Console.WriteLine($"RESULT openloop crowd {rate,6:N0} ballots/s beside 5,000 board reads/s: {beside}");
            Console.WriteLine($"RESULT openloop crowd   5,000 public board reads/s beside them:   {board}");
            Console.WriteLine($"RESULT openloop crowd {rate,6:N0} ballots/s: p99 ratio beside / alone {beside.P99 / alone.P99:F1}");
        }
        Console.WriteLine($"(generator and server share this machine's {Environment.ProcessorCount} cores)");
    }

    /// <summary>Ballot <c>i</c>: rater <c>i / 14</c> scores reporter <c>i % 14</c>.</summary>
    private static HttpRequestMessage Ballot(long meetingId, long[] reporters, string[] codes, int i)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ballots")
        {
            Content = JsonContent.Create(new { meetingId, reporterId = reporters[i % reporters.Length], grade = i % 4 == 0 ? "fairlyGood" : "good" }),
        };
        request.Headers.Add("X-Rater-Code", codes[i / reporters.Length]);
        return request;
    }

    internal sealed record Result(int Sent, int Ok, int Failed, double Seconds, double P50, double P99, double P999, double Max)
    {
        /// <summary>The failures by status code or exception.</summary>
        public string Refusals { get; init; } = "";

        public override string ToString() =>
            $"{Ok,6:N0} ok {Failed,4} failed, {Ok / Seconds,7:N0}/s achieved; p50 {P50,7:F1}  p99 {P99,7:F1}  p99.9 {P999,7:F1}  max {Max,7:F1}"
            + (Failed > 0 ? $" [{Refusals}]" : "");
    }

    internal static async Task<Result> SendAsync(HttpClient client, int rate, int count, Func<int, HttpRequestMessage> make)
    {
        var latencies = new ConcurrentBag<double>();
        var refusals = new ConcurrentDictionary<string, int>();
        var ok = 0;
        var failed = 0;
        var inFlight = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        var next = 0;
        while (next < count)
        {
            // Everything due by now leaves now (the timer's resolution is about a millisecond; 10,000/s is 10 per millisecond).
            var due = (int)Math.Min(count, (clock.Elapsed.TotalSeconds * rate) + 1);
            for (; next < due; next++)
            {
                var scheduled = TimeSpan.FromSeconds(next / (double)rate);
                var request = make(next);
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        using var response = await client.SendAsync(request);
                        if (response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref ok);
                        }
                        else
                        {
                            Interlocked.Increment(ref failed);
                            refusals.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        Interlocked.Increment(ref failed);
                        refusals.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                    }
                    latencies.Add((clock.Elapsed - scheduled).TotalMilliseconds);
                }));
            }
            await Task.Delay(1);
        }
        await Task.WhenAll(inFlight);
        var seconds = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new Result(count, ok, failed, seconds, At(0.5), At(0.99), At(0.999), At(1))
        {
            Refusals = string.Join(" ", refusals.OrderByDescending(r => r.Value).Select(r => $"{r.Key}×{r.Value}")),
        };
    }
}
