using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;
using Xunit.Abstractions;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// The secrecy audit of issue 17: an evaluation meeting, a reverse evaluation and a satisfaction survey (meetings underneath,
/// ADR 0018) are answered on phones, each phone with its own address and device; then every table, every log line and every
/// export is scanned for anything that links an answer to a code, an account, an address or a time finer than the day.
/// Casting writes to the answers, the opinions and the codes' marks and nowhere else (no audit entry, no session, no time);
/// no value anywhere holds a code, an address or a device, and a code's hash only in its own column; no time of day in the
/// casting window is stored or exported; receipts of equal answers differ (they are not a function of the answer); and the
/// tables' physical order (PostgreSQL's ctid, SQLite's rowid) does not follow the order of casting.
/// </summary>
public sealed class SecrecyAuditTests(ITestOutputHelper output)
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory, MemberData(nameof(Providers))]
    public async Task AMeeting_AReverseEvaluation_AndASurvey_LeaveNothingThatLinksAnAnswerToItsSource(string provider)
    {
        var log = new LogCapture();
        await using var app = await TestApp.CreateAsync(provider, settings: new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Debug", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug", ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
        }, services: s =>
        {
            s.AddSingleton<ILoggerProvider>(log);
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, PhoneAddress>();
        });
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Three kinds of secret answers, each a meeting with its codes.
        var meeting = await MeetingFixture.CreateMeetingAsync(admin, tree, reporters: 2, ratersPerGroup: 8);
        var person = await app.QueryAsync(db => db.People.Where(p => p.Name == "赵一").Select(p => p.Id).SingleAsync());
        var reverse = await MeetingOfAsync(await admin.PostAsJsonAsync("/api/v1/selection/reverse-evaluations",
            new { personId = person, heldOn = today, respondents = new { units = 10, colleagues = 10, served = 10 } }));
        var survey = await MeetingOfAsync(await admin.PostAsJsonAsync("/api/v1/selection/surveys",
            new { organizationId = tree.County, year = 2026, heldOn = today, respondents = 30 }));
        var reverseCodes = new Dictionary<string, string[]>();
        foreach (var source in new[] { "units", "colleagues", "served" })
        {
            reverseCodes[source] = await MeetingFixture.CodesAsync(admin, reverse, source, 10);
        }
        var surveyCodes = await MeetingFixture.CodesAsync(admin, survey, "respondents", 30);
        foreach (var id in new[] { meeting.MeetingId, reverse, survey })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/open", new { })).StatusCode);
        }
        var reverseReporter = await FirstReporterAsync(admin, reverse);
        var surveyReporter = await FirstReporterAsync(admin, survey);

        // The phones: one request at a time, each phone its own address and device, equal answers on purpose.
        var cast = new List<Cast>();
        var before = await SnapshotAsync(app);
        await Task.Delay(1100); // the casting window: nothing else happens a second before or after it
        var windowStart = DateTimeOffset.UtcNow;
        foreach (var code in meeting.Codes.Values.SelectMany(c => c))
        {
            foreach (var reporter in meeting.Reporters)
            {
                cast.Add(await CastAsync(app, cast.Count, code, meeting.MeetingId, reporter, new { grade = "good", opinion = new { category = "组织建设", text = "建议加强阵地建设" } }));
            }
        }
        foreach (var code in reverseCodes.Values.SelectMany(c => c))
        {
            cast.Add(await CastAsync(app, cast.Count, code, reverse, reverseReporter, new { indicators = new[] { 18m, 17m, 19m, 16m, 20m } }));
        }
        foreach (var code in surveyCodes)
        {
            cast.Add(await CastAsync(app, cast.Count, code, survey, surveyReporter, new { grade = "good" }));
        }
        var windowEnd = DateTimeOffset.UtcNow;
        await Task.Delay(1100);
        var after = await SnapshotAsync(app);
        var changed = after.Keys.Where(t => !before.TryGetValue(t, out var rows) || rows != after[t]).Order().ToList();
        var physicalOrder = await PhysicalOrderAsync(app, cast);

        foreach (var id in new[] { meeting.MeetingId, reverse, survey })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/close", new { })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/meetings/{id}/publish", null)).StatusCode);
        }
        var physicalOrderClosed = await PhysicalOrderAsync(app, cast);

        // What identifies a source: the code as shown and as typed, its hash, the phone's address and device.
        var keys = app.Services.GetRequiredService<PiiProtector>();
        var hashes = cast.Select(c => RaterCodeText.Hash(keys, RaterCodeText.Normalize(c.Code)!)).ToHashSet();
        var sources = cast.SelectMany(c => new[] { (c.Code, "a code"), (c.Code.Replace("-", string.Empty, StringComparison.Ordinal), "a code"), (c.Address, "an address"), (c.Device, "a device") })
            .Distinct().ToList();
        string? Identifies(string value) =>
            sources.FirstOrDefault(s => value.Contains(s.Item1, StringComparison.OrdinalIgnoreCase)).Item2
            ?? (hashes.Any(h => value.Contains(h, StringComparison.Ordinal)) ? "a code's hash" : null)
            ?? (TimeInWindow(value, windowStart, windowEnd) ? "a time of the casting window" : null);

        var tableFindings = await ScanTablesAsync(app, Identifies, windowStart, windowEnd);
        var exports = new Dictionary<string, byte[]>();
        foreach (var (id, reporters) in new[] { (meeting.MeetingId, meeting.Reporters), (reverse, [reverseReporter]), (survey, new[] { surveyReporter }) })
        {
            foreach (var file in new[] { "results.xlsx", "ballots.xlsx", "report.docx" }.Concat(reporters.SelectMany(r => new[] { $"reporters/{r}/notice.docx", $"reporters/{r}/feedback.docx" })))
            {
                var response = await admin.GetAsync($"/api/v1/meetings/{id}/{file}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    exports[$"{id}/{file}"] = await response.Content.ReadAsByteArrayAsync();
                }
            }
        }
        var exportFindings = exports.SelectMany(e => PartsOf(e.Value).Select(p => (e.Key + ":" + p.Name, Identifies(p.Text)))).Where(f => f.Item2 is not null)
            .Select(f => $"{f.Item1}: {f.Item2}").ToList();
        var logLines = log.Lines.ToList();
        var receipts = cast.Select(c => c.Receipt).ToList();
        var logFindings = logLines.Select(l => (l, Identifies(l) ?? (receipts.Any(r => l.Contains(r, StringComparison.Ordinal)) ? "a receipt" : null)))
            .Where(f => f.Item2 is not null).Select(f => $"{f.Item2}: {f.l}").ToList();
        output.WriteLine($"{provider}: {cast.Count} answers from {cast.Select(c => c.Code).Distinct().Count()} codes, each phone its own address and device; "
            + $"changed while casting: {string.Join(", ", changed)}; scanned {await app.QueryAsync(db => Task.FromResult(db.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct().Count()))} tables, "
            + $"{exports.Count} exports, {logLines.Count} log lines; physical order: longest run in casting order {string.Join(" / ", physicalOrderClosed.Select(o => $"{o.Key} {o.Value.Longest} of {o.Value.Count}"))} "
            + $"(before closing: {string.Join(" / ", physicalOrder.Select(o => $"{o.Key} {o.Value.Longest} of {o.Value.Count}"))})");

        Assert.All(cast, c => Assert.Equal(HttpStatusCode.Created, c.Status));
        Assert.Equal(3, exports.Count(e => e.Key.EndsWith("ballots.xlsx", StringComparison.Ordinal)));
        Assert.True(logLines.Count > 100, $"{logLines.Count} log lines");
        // Casting writes the answers, the opinions and the codes' marks (present, scored) — no audit entry, no session, no clock.
        Assert.Equal(["Ballots", "Opinions", "RaterCodes"], changed);
        Assert.Equal(cast.Count, receipts.Distinct().Count()); // equal answers, different receipts
        Assert.Equal(hashes.Count, tableFindings.Count(f => f == "RaterCodes.CodeHash: a code's hash"));
        Assert.True(tableFindings.All(f => f == "RaterCodes.CodeHash: a code's hash"), string.Join("\n", tableFindings.Where(f => f != "RaterCodes.CodeHash: a code's hash").Take(20)));
        Assert.True(exportFindings.Count == 0, string.Join("\n", exportFindings.Take(20)));
        Assert.True(logFindings.Count == 0, string.Join("\n", logFindings.Take(20)));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => receipts.Any(r => a.Data!.Contains(r)))));
        // Physical order: a random order's longest increasing run is about 2√n (above n / 2 for n = 30 once in 200,000); the order of casting gives n.
        Assert.All(physicalOrderClosed, o => Assert.True(o.Value.Longest <= o.Value.Count / 2, $"{o.Key}: {o.Value.Longest} of {o.Value.Count} in casting order"));
    }

    private sealed record Cast(string Code, string Address, string Device, HttpStatusCode Status, string Receipt, long MeetingId);

    private static async Task<long> MeetingOfAsync(HttpResponseMessage started)
    {
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingId").GetInt64();
    }

    private static async Task<long> FirstReporterAsync(HttpClient admin, long meetingId) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters")[0].GetProperty("id").GetInt64();

    /// <summary>A phone of its own (address 10.77.x.y, its own user agent) sends one answer.</summary>
    private static async Task<Cast> CastAsync(TestApp app, int n, string code, long meetingId, long reporterId, object answer)
    {
        var address = $"10.77.{n / 250}.{1 + n % 250}";
        var device = $"PhoneModel-{n:D4}-{Guid.NewGuid():N}"[..24];
        var body = JsonSerializer.SerializeToNode(answer, Json)!.AsObject();
        body["meetingId"] = meetingId;
        body["reporterId"] = reporterId;
        using var phone = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ballots") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Rater-Code", code);
        request.Headers.TryAddWithoutValidation("User-Agent", device);
        request.Headers.Add(PhoneAddress.Header, address);
        var response = await phone.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var receipt = response.StatusCode == HttpStatusCode.Created ? JsonDocument.Parse(text).RootElement.GetProperty("receipt").GetString()! : text;
        return new Cast(code, address, device, response.StatusCode, receipt, meetingId);
    }

    /// <summary>The in-process server has no network: this test's phones say their address in a header, which becomes the connection's.</summary>
    private sealed class PhoneAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public const string Header = "X-Test-Phone-Address";

        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(then => context =>
            {
                if (context.Request.Headers.Remove(Header, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }
                return then(context);
            });
            next(app);
        };
    }

    /// <summary>Every table's rows as one sorted text, to tell which tables a step changed.</summary>
    private static Task<Dictionary<string, string>> SnapshotAsync(TestApp app) => app.QueryAsync(async db =>
    {
        var snapshot = new Dictionary<string, string>();
        await foreach (var (table, rows) in DatabaseRows.AllAsync(db))
        {
            snapshot[table] = string.Join("\n", rows.Select(r => string.Join("\t", r.Select(v => Convert.ToString(v.Value, CultureInfo.InvariantCulture)))).Order(StringComparer.Ordinal));
        }
        return snapshot;
    });

    /// <summary>Every value of every table, as "table.column: what" for those <paramref name="identifies"/> names; date and time columns too.</summary>
    private static Task<List<string>> ScanTablesAsync(TestApp app, Func<string, string?> identifies, DateTimeOffset from, DateTimeOffset to) => app.QueryAsync(async db =>
    {
        var found = new List<string>();
        await foreach (var (table, rows) in DatabaseRows.AllAsync(db))
        {
            foreach (var (column, value) in rows.SelectMany(r => r))
            {
                var kind = value switch
                {
                    string text => identifies(text),
                    DateTime time => InWindow(new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)), from, to) ? "a time of the casting window" : null,
                    DateTimeOffset time => InWindow(time, from, to) ? "a time of the casting window" : null,
                    _ => null,
                };
                if (kind is not null)
                {
                    found.Add($"{table}.{column}: {kind}");
                }
            }
        }
        return found;
    });

    private static readonly Regex Timestamp = new(@"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?", RegexOptions.CultureInvariant);

    /// <summary>A text holding a point in time (ISO, as SQLite, JSON and OpenXML write them) inside the window; read as UTC without an offset.</summary>
    private static bool TimeInWindow(string text, DateTimeOffset from, DateTimeOffset to) =>
        Timestamp.Matches(text).Any(m => DateTimeOffset.TryParse(m.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && InWindow(time, from, to));

    private static bool InWindow(DateTimeOffset time, DateTimeOffset from, DateTimeOffset to) => time >= from && time <= to;

    /// <summary>Every part of an OpenXML package (the cells, the text, the properties) as text.</summary>
    private static IEnumerable<(string Name, string Text)> PartsOf(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package));
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            yield return (entry.FullName, reader.ReadToEnd());
        }
    }

    /// <summary>
    /// Per meeting, the longest run of answers the table's physical order (ctid on PostgreSQL, rowid on SQLite) keeps in the
    /// order they were cast — what someone who watched the room, or a log of request times, could pair with the answers.
    /// </summary>
    private static async Task<Dictionary<string, (int Longest, int Count)>> PhysicalOrderAsync(TestApp app, List<Cast> cast)
    {
        var position = cast.Select((c, i) => (c.Receipt, i)).ToDictionary(c => c.Receipt, c => c.i);
        var result = new Dictionary<string, (int, int)>();
        foreach (var (name, meetingId) in cast.Select(c => c.MeetingId).Distinct().Select((id, i) => (new[] { "meeting", "reverse", "survey" }[i], id)))
        {
            var receipts = await app.QueryAsync(db => (app.Provider == "Postgres"
                ? db.Database.SqlQuery<string>($"SELECT \"Receipt\" AS \"Value\" FROM \"Ballots\" WHERE \"MeetingId\" = {meetingId} ORDER BY ctid")
                : db.Database.SqlQuery<string>($"SELECT \"Receipt\" AS \"Value\" FROM \"Ballots\" WHERE \"MeetingId\" = {meetingId} ORDER BY rowid")).ToListAsync());
            var sequence = receipts.Select(r => position[r]).ToList();
            result[name] = (LongestIncreasing(sequence), sequence.Count);
        }
        return result;
    }

    private static int LongestIncreasing(List<int> sequence)
    {
        var tails = new List<int>();
        foreach (var x in sequence)
        {
            var i = tails.BinarySearch(x);
            i = i < 0 ? ~i : i;
            if (i == tails.Count)
            {
                tails.Add(x);
            }
            else
            {
                tails[i] = x;
            }
        }
        return tails.Count;
    }
}
