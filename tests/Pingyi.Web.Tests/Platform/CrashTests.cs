using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Imports;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;
using Xunit.Abstractions;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// Crash tests with a history checker (in the manner of Jepsen): the platform runs as its own process on each database and
/// is killed with SIGKILL at seeded moments — during ballot intake from 1,002 raters, during a 100,000-row roster import,
/// during ledger transitions and while publishing meetings — then started again. The client keeps the history of what it
/// was told (acknowledged, refused, or no answer because the process died) and at the end the checker holds the database
/// to it: every acknowledged ballot present, none doubled, results equal to an independent recount; the import all or
/// nothing; every acknowledged ledger step present once and in order; a publication's consequences created exactly once;
/// the audit chain valid after every restart. <c>PINGYI_CRASH_SEED</c> replays another schedule.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int IntakeKills = 4;
    private const int ImportKills = 2;
    private const int LedgerKills = 2;
    private const int Reporters = 5;
    private const int RatersPerGroup = 334;
    private const int ImportRows = 100_000;
    private const int LedgerItems = 40;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("PINGYI_CRASH_SEED"), out var s) ? s : 20261201;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task KilledAtRandomMoments_TheHostLosesNothingAcknowledged_AndDoublesNothing(string provider)
    {
        var seed = Seed + (provider == "Postgres" ? 1 : 0);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var random = new Random(seed);
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        // Prepared in-process: a meeting of five reporters with 1,002 rater codes, opened; two small meetings scored and
        // closed, ready to publish; forty ledger items; an API token for the staff's requests to the separate process.
        var big = await MeetingFixture.CreateMeetingAsync(admin, tree, Reporters, RatersPerGroup);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{big.MeetingId}/open", new { })).StatusCode);
        var small = new List<(MeetingSetup Meeting, List<Planned> Plan)>();
        for (var m = 0; m < 2; m++)
        {
            var meeting = await MeetingFixture.CreateMeetingAsync(admin, tree, 2, 3);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meeting.MeetingId}/open", new { })).StatusCode);
            var plan = Plan(meeting, random);
            using var phone = app.CreateClient();
            foreach (var b in plan)
            {
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(BallotRequest(meeting.MeetingId, b))).StatusCode);
            }
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meeting.MeetingId}/close", new { })).StatusCode);
            small.Add((meeting, plan));
        }
        var items = new List<long>();
        foreach (var i in Enumerable.Range(0, LedgerItems))
        {
            var created = await admin.PostAsJsonAsync("/api/v1/ledger", new
            {
                category = "组织建设", description = $"整改事项{i:00}：三会一课记录不全", responsibleOrganizationId = (i % 3) switch { 0 => tree.V11, 1 => tree.V12, _ => tree.V21 },
                supervisingOrganizationId = tree.County, deadline = "2027-06-30",
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            items.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/documents/issuers/{tree.County}", new { name = "中共测试县委员会", prefix = "测组通" })).StatusCode);
        var issued = await admin.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = TestApp.AdminPassword, days = 1 });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        await app.StopInProcessHostAsync();

        await using var host = new HostProcess(app.HostSettings);
        await host.StartAsync();
        var run = new Run(host, token, app);
        var bigPlan = Plan(big, random);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        output.WriteLine($"prepared in {started.Elapsed.TotalSeconds:F1} s");
        var intake = await IntakeAsync(run, big.MeetingId, bigPlan, random);
        output.WriteLine($"intake done at {watch.Elapsed.TotalSeconds:F1} s");
        var import = await ImportAsync(run, tree, random);
        output.WriteLine($"import done at {watch.Elapsed.TotalSeconds:F1} s");
        var ledger = await LedgerAsync(run, items, random);
        output.WriteLine($"ledger done at {watch.Elapsed.TotalSeconds:F1} s");
        var published = new List<string>();
        foreach (var (meetingId, plan) in new[] { (big.MeetingId, bigPlan) }.Concat(small.Select(s => (s.Meeting.MeetingId, s.Plan))))
        {
            published.Add(await PublishAsync(run, meetingId, plan, random));
        }

        output.WriteLine($"{provider}, seed {seed}: {host.Kills} kills of the host, {run.Verifications} audit-chain checks after restarts (all valid); " +
            $"start to healthy {host.Starts.Average():F2} s on average, {started.Elapsed.TotalSeconds:F0} s in all");
        output.WriteLine($"  intake: {intake}");
        output.WriteLine($"  import: {import}");
        output.WriteLine($"  ledger: {ledger}");
        output.WriteLine($"  publish: {string.Join("; ", published)}");
        // At least 10 kills on each database (an import killed after its commit ends that phase early), so at least 20 per run.
        Assert.True(host.Kills >= 10, $"{host.Kills} kills");
    }

    /// <summary>One rater's ballot for one reporter, as the phone sends it: the same submission id on every retry.</summary>
    private sealed record Planned(int Index, string Code, string Group, long Reporter, int Grade, string? Opinion, string SubmissionId);

    private static List<Planned> Plan(MeetingSetup meeting, Random random)
    {
        var plan = new List<Planned>();
        foreach (var (group, codes) in meeting.Codes)
        {
            foreach (var code in codes)
            {
                foreach (var reporter in meeting.Reporters)
                {
                    var grade = random.Next(0, 10) switch { < 5 => 0, < 8 => 1, < 9 => 2, _ => 3 };
                    var opinion = random.Next(0, 12) == 0 ? $"建议加强调查研究{random.Next(0, 4)}" : null;
                    plan.Add(new Planned(plan.Count, code, group, reporter, grade, opinion, Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())) + plan.Count.ToString("D8", CultureInfo.InvariantCulture)));
                }
            }
        }
        return plan;
    }

    private static HttpRequestMessage BallotRequest(long meetingId, Planned b) =>
        MeetingFixture.Ballot(b.Code, meetingId, b.Reporter, MeetingFixture.GradeNames[b.Grade], b.Opinion is null ? null : new { category = "作风建设", text = b.Opinion }, b.SubmissionId);

    /// <summary>The host under test, the staff's token, and the restarts with their audit-chain check.</summary>
    private sealed class Run(HostProcess host, string token, TestApp app)
    {
        public HostProcess Host => host;

        public int Verifications { get; private set; }

        public HttpClient Phone() => new() { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };

        public HttpClient Staff()
        {
            var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(3) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        /// <summary>Kills the host, starts it again, and checks the audit chain over everything written so far.</summary>
        public async Task KillAndRestartAsync()
        {
            await host.KillAsync();
            await RestartAsync();
        }

        /// <summary>Starts the killed host again and checks the audit chain over everything written so far.</summary>
        public async Task RestartAsync()
        {
            await host.StartAsync();
            using var staff = Staff();
            var verify = await staff.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
            Assert.True(verify.GetProperty("valid").GetBoolean(), $"audit chain broken after kill {host.Kills}: {verify}");
            Verifications++;
        }

        /// <summary>The database itself, for the checker (the host may be running: these are reads).</summary>
        public PingyiDbContext Database() => app.OpenDatabase();
    }

    /// <summary>Kills the host a seeded few milliseconds after a worker arms it (so the kill falls anywhere in a batch's life), once per round.</summary>
    private sealed class Killer(HostProcess host)
    {
        private int _armed;
        private volatile bool _killed;
        private Task? _kill;

        public bool Killed => _killed;

        public bool Arm(int delayMs)
        {
            if (Interlocked.Exchange(ref _armed, 1) != 0)
            {
                return false;
            }
            _kill = Task.Run(async () =>
            {
                await Task.Delay(delayMs);
                await host.KillAsync();
                _killed = true;
            });
            return true;
        }

        /// <summary>Waits for the kill of this round, if there was one.</summary>
        public async Task<bool> WaitAsync()
        {
            if (_kill is null)
            {
                return false;
            }
            await _kill;
            return true;
        }

        /// <summary>The request got no answer: the connection broke, was refused, or the process died while it waited — also a
        /// bare <see cref="System.Net.Sockets.SocketException"/> (ENOTCONN), which the client throws unwrapped when the process dies
        /// between accepting the connection and the client reading its address.</summary>
        public static bool NoAnswer(Exception e) => e is HttpRequestException or TaskCanceledException or IOException or System.Net.Sockets.SocketException;

        /// <summary>Not even sent: the process was already gone when the phone connected.</summary>
        public static bool NotConnected(Exception e) =>
            e is HttpRequestException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } };
    }

    // ---- (a) Ballot intake: 64 phones at once; kills when the acknowledged count passes seeded thresholds.

    private static async Task<string> IntakeAsync(Run run, long meetingId, List<Planned> plan, Random random)
    {
        var thresholds = Enumerable.Range(0, IntakeKills).Select(_ => random.Next(plan.Count / 20, plan.Count * 19 / 20)).Order().ToArray();
        var delays = Enumerable.Range(0, IntakeKills).Select(_ => random.Next(0, 30)).ToArray();
        var acknowledged = new ConcurrentDictionary<int, string>();
        var refusals = new ConcurrentBag<string>();
        var unanswered = 0;
        var next = 0;
        while (acknowledged.Count < plan.Count)
        {
            var queue = new ConcurrentQueue<Planned>(plan.Where(b => !acknowledged.ContainsKey(b.Index)));
            var killer = new Killer(run.Host);
            using var phone = run.Phone();
            await Parallel.ForEachAsync(Enumerable.Range(0, 64), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (_, _) =>
            {
                while (!killer.Killed && queue.TryDequeue(out var b))
                {
                    try
                    {
                        using var response = await phone.SendAsync(BallotRequest(meetingId, b));
                        if (response.StatusCode != HttpStatusCode.Created)
                        {
                            refusals.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                            continue;
                        }
                        acknowledged[b.Index] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
                        if (next < thresholds.Length && acknowledged.Count >= thresholds[next] && killer.Arm(delays[next]))
                        {
                            next++;
                        }
                    }
                    catch (Exception e) when (Killer.NoAnswer(e))
                    {
                        // The process died with the request in flight (or before it connected). The phone sends it again later, with the same submission id.
                        if (!Killer.NotConnected(e))
                        {
                            Interlocked.Increment(ref unanswered);
                        }
                    }
                }
            });
            Assert.True(refusals.IsEmpty, string.Join("\n", refusals.Take(5)));
            if (await killer.WaitAsync())
            {
                await run.RestartAsync();
            }
        }

        // The checker: the anonymized ballots as the chair exports them after closing (the codes are gone by then).
        using var staff = run.Staff();
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).StatusCode);
        var export = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}/ballots");
        var stored = export.GetProperty("ballots").EnumerateArray()
            .Select(b => (Reporter: b.GetProperty("reporterId").GetInt64(), Group: b.GetProperty("group").GetString()!, Grade: b.GetProperty("grade").GetString()!,
                Receipt: b.GetProperty("receipt").GetString()!)).ToList();
        var receipts = stored.Select(b => b.Receipt).ToHashSet(StringComparer.Ordinal);
        var lost = acknowledged.Values.Count(r => !receipts.Contains(r));
        var doubled = stored.Count - receipts.Count;
        Assert.Equal(0, lost);
        Assert.Equal(0, doubled);
        // Every ballot the raters meant, exactly once: the stored (reporter, group, grade) multiset is the plan's.
        static string Key(long reporter, string group, string grade) => $"{reporter}|{group}|{grade.ToLowerInvariant()}";
        var groups = export.GetProperty("rules").GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!, g => g.GetProperty("key").GetString()!);
        var gradeNames = Enum.GetNames<Core.Evaluation.Grade>();
        Assert.Equal(plan.Select(b => Key(b.Reporter, b.Group, gradeNames[b.Grade])).Order(StringComparer.Ordinal),
            stored.Select(b => Key(b.Reporter, groups.GetValueOrDefault(b.Group, b.Group), b.Grade)).Order(StringComparer.Ordinal));
        return $"{plan.Count} ballots from {plan.Select(b => b.Code).Distinct().Count()} raters, {run.Host.Kills} kills, {acknowledged.Count} acknowledged, " +
            $"{unanswered} requests without an answer (sent again), {lost} lost, {doubled} doubled";
    }

    // ---- (b) A 100,000-row roster import killed while reading and writing, and once between the last row and the commit.

    private static async Task<string> ImportAsync(Run run, TestTree tree, Random random)
    {
        var file = Path.Combine(Path.GetTempPath(), "pingyi-tests", $"crash-roster-{Guid.NewGuid():N}.xlsx");
        WriteRoster(file, random);
        try
        {
            int before;
            await using (var db = run.Database())
            {
                before = await db.People.CountAsync();
            }
            var landed = new List<string>();
            for (var k = 0; k < ImportKills; k++)
            {
                // Kill when the import has read a seeded number of rows, or (the last time) once it has read them all.
                var atRows = k < ImportKills - 1 ? random.Next(2_000, ImportRows * 9 / 10) : ImportRows;
                var afterMs = k < ImportKills - 1 ? 0 : random.Next(0, 400);
                var progressId = Guid.NewGuid().ToString("N");
                using var staff = run.Staff();
                var request = ImportAsync(staff, file, progressId);
                var read = 0;
                while (read < atRows && !request.IsCompleted)
                {
                    await Task.Delay(5);
                    using var progress = await staff.GetAsync($"/api/v1/imports/progress/{progressId}");
                    if (progress.IsSuccessStatusCode)
                    {
                        read = (await progress.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rowsRead").GetInt32();
                    }
                }
                await Task.Delay(afterMs);
                var answered = request.IsCompleted;
                await run.KillAndRestartAsync();
                try
                {
                    await request;
                }
                catch (Exception e) when (Killer.NoAnswer(e))
                {
                }
                await using var db = run.Database();
                var people = await db.People.CountAsync();
                Assert.True(answered ? people == before + ImportRows : people == before || people == before + ImportRows,
                    $"after kill {k + 1} at row {read}: {people} people (before the import {before}); a partial import");
                var committed = people == before + ImportRows;
                landed.Add(answered ? "after the answer" : committed ? "after the commit, before the answer" : $"at row {read:N0}" + (afterMs > 0 ? $" + {afterMs} ms" : ""));
                if (committed)
                {
                    break;
                }
            }
            await using (var check = run.Database())
            {
                if (await check.People.CountAsync() == before)
                {
                    using var staff = run.Staff();
                    var response = await ImportAsync(staff, file, null);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                }
            }
            await using var after = run.Database();
            var total = await after.People.CountAsync();
            Assert.Equal(before + ImportRows, total);
            Assert.Equal(1, await after.AuditEntries.CountAsync(e => e.Action == "import.roster"));
            return $"{ImportRows:N0} rows, killed {string.Join(", ", landed)}; after each kill nothing of it stored; the whole file imported once afterwards ({total - before:N0} people, one audit entry)";
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient staff, string file, string? progressId)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", "花名册.xlsx");
        return await staff.PostAsync("/api/v1/imports/roster" + (progressId is null ? string.Empty : $"?progressId={progressId}"), form);
    }

    private static void WriteRoster(string file, Random random)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var ids = new HashSet<string>();
        string[] organizations = ["V11", "V12", "V21", "B13"];
        using var stream = File.Create(file);
        using var writer = new TableWriter(stream, TableFormat.Xlsx, "花名册", Columns.Roster);
        for (var i = 0; i < ImportRows; i++)
        {
            string id;
            do
            {
                id = ResidentIdNumber.Create($"4103{random.Next(10, 99)}", new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 40)), random.Next(0, 1000)).Value;
            }
            while (!ids.Add(id));
            writer.WriteRow(["成员" + i.ToString(CultureInfo.InvariantCulture), null, id, "139" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                organizations[i % organizations.Length], null, "正式党员", "2012-07-01", "2013-07-01", null, null, null]);
        }
    }

    // ---- (c) Ledger transitions: forty items, each through five steps by sixteen workers; kills at seeded acknowledged counts.

    private static readonly (string Action, string Text)[] Script =
        [("start", "开始整改"), ("submit", "报送验收"), ("send-back", "材料不全，退回补充"), ("submit", "补充后再次报送"), ("close-out", "同意销号")];

    private static async Task<string> LedgerAsync(Run run, List<long> items, Random random)
    {
        var total = items.Count * Script.Length;
        var thresholds = Enumerable.Range(0, LedgerKills).Select(_ => random.Next(total / 10, total * 9 / 10)).Order().ToArray();
        var delays = Enumerable.Range(0, LedgerKills).Select(_ => random.Next(0, 30)).ToArray();
        var done = new ConcurrentDictionary<long, int>(items.Select(i => KeyValuePair.Create(i, 0)));
        var acknowledged = 0;
        var unanswered = 0;
        var committedUnanswered = 0;
        var next = 0;
        var uncertain = new ConcurrentDictionary<long, bool>();
        while (done.Values.Any(d => d < Script.Length))
        {
            // A step whose answer was lost: the history says whether it happened; if not, it is sent again.
            using (var staff = run.Staff())
            {
                foreach (var id in uncertain.Keys)
                {
                    var events = await EventTextsAsync(staff, id);
                    if (events.Contains(StepText(id, done[id])))
                    {
                        done[id]++;
                        committedUnanswered++;
                    }
                }
                uncertain.Clear();
            }
            var queue = new ConcurrentQueue<long>(items.Where(i => done[i] < Script.Length));
            var killer = new Killer(run.Host);
            var refusals = new ConcurrentBag<string>();
            using (var staff = run.Staff())
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, 16), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
                {
                    while (!killer.Killed && queue.TryDequeue(out var id))
                    {
                        while (!killer.Killed && done[id] < Script.Length)
                        {
                            var step = done[id];
                            try
                            {
                                using var response = await staff.PostAsJsonAsync($"/api/v1/ledger/{id}/{Script[step].Action}", new { text = StepText(id, step) });
                                if (!response.IsSuccessStatusCode)
                                {
                                    refusals.Add($"{id} step {step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                                    return;
                                }
                                done[id] = step + 1;
                                var count = Interlocked.Increment(ref acknowledged);
                                if (next < thresholds.Length && count >= thresholds[next] && killer.Arm(delays[next]))
                                {
                                    next++;
                                }
                            }
                            catch (Exception e) when (Killer.NoAnswer(e))
                            {
                                if (!Killer.NotConnected(e))
                                {
                                    Interlocked.Increment(ref unanswered);
                                    uncertain[id] = true;
                                }
                                break;
                            }
                        }
                    }
                });
            }
            Assert.True(refusals.IsEmpty, string.Join("\n", refusals.Take(5)));
            if (await killer.WaitAsync())
            {
                await run.RestartAsync();
            }
        }

        // The checker: every item's history is the script, each step once and in order, each with its audit entry.
        using var reader = run.Staff();
        await using var db = run.Database();
        foreach (var id in items)
        {
            var events = await EventTextsAsync(reader, id);
            Assert.Equal(Enumerable.Range(0, Script.Length).Select(s => StepText(id, s)), events.Where(t => t.Contains('#')));
            var audited = await db.AuditEntries.CountAsync(e => e.EntityType == "LedgerItem" && e.EntityId == id.ToString(CultureInfo.InvariantCulture) && e.Action != "ledger.create");
            Assert.Equal(Script.Length, audited);
        }
        return $"{items.Count} items × {Script.Length} steps = {total} transitions, {LedgerKills} kills, {unanswered} steps without an answer " +
            $"({committedUnanswered} of them had been committed, the rest sent again), every history the script exactly, each step audited once";
    }

    private static string StepText(long id, int step) => $"{Script[step].Text}#{id}-{step}";

    private static async Task<List<string>> EventTextsAsync(HttpClient staff, long id) =>
        [.. (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/{id}")).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("text").GetString()).OfType<string>()];

    // ---- (d) Publishing: killed a seeded moment after the request; the consequences exist once however the kill fell.

    private static async Task<string> PublishAsync(Run run, long meetingId, List<Planned> plan, Random random)
    {
        var delay = random.Next(0, 250);
        string landed;
        using (var staff = run.Staff())
        {
            var request = staff.PostAsync($"/api/v1/meetings/{meetingId}/publish", null);
            await Task.WhenAny(request, Task.Delay(delay));
            var answered = request.IsCompleted;
            await run.KillAndRestartAsync();
            try
            {
                using var response = await request;
                Assert.True(!answered || response.StatusCode == HttpStatusCode.OK, $"publish: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception e) when (Killer.NoAnswer(e))
            {
            }
            await using var db = run.Database();
            var publishedNow = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.PublishedAt).SingleAsync() is not null;
            landed = answered ? "after the answer" : publishedNow ? "after the commit, before the answer" : "before the commit";
        }
        using (var staff = run.Staff())
        {
            var again = await staff.PostAsync($"/api/v1/meetings/{meetingId}/publish", null);
            var expected = landed == "before the commit" ? HttpStatusCode.OK : HttpStatusCode.Conflict;
            Assert.True(again.StatusCode == expected, $"publish again ({landed}): {(int)again.StatusCode} {await again.Content.ReadAsStringAsync()}");

            // The checker: one publication, its consequences as many as it recorded, and the results equal to a recount.
            await using var db = run.Database();
            var entries = await db.AuditEntries.Where(e => e.Action == "meeting.publish" && e.EntityId == meetingId.ToString(CultureInfo.InvariantCulture)).ToListAsync();
            Assert.Single(entries);
            using var data = JsonDocument.Parse(entries[0].Data!);
            Assert.Equal(data.RootElement.GetProperty("talks").GetInt32(), await db.Talks.CountAsync(t => t.MeetingId == meetingId));
            Assert.Equal(data.RootElement.GetProperty("ledgerItems").GetInt32(), await db.LedgerItems.CountAsync(i => i.MeetingId == meetingId));
            Assert.Equal(plan.Select(b => b.Reporter).Distinct().Count(), await db.MeetingResults.CountAsync(r => r.MeetingId == meetingId));
            var prefix = $"meeting:{meetingId}:";
            Assert.Equal(1 + data.RootElement.GetProperty("talks").GetInt32(), await db.IssuedDocuments.CountAsync(d => d.Subject.StartsWith(prefix) && !d.Subject.Contains(":feedback:")));

            var export = await staff.GetStringAsync($"/api/v1/meetings/{meetingId}/ballots");
            var folder = Path.Combine(Path.GetTempPath(), "pingyi-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "ballots.json"), export);
            var (code, recount) = await Processes.PingyiAsync(folder, "recount", Path.Combine(folder, "ballots.json"));
            Directory.Delete(folder, true);
            Assert.True(code == 0, recount);
            Assert.Contains("Recount matches the published results exactly", recount);
            return $"meeting of {plan.Count:N0} ballots killed {delay} ms after the request ({landed}): published once, " +
                $"{data.RootElement.GetProperty("talks").GetInt32()} talks and {data.RootElement.GetProperty("ledgerItems").GetInt32()} ledger items once, recount equal";
        }
    }
}
