using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// Seeded fuzzing: mutated real files into every file input that imports or keeps a file, and generated bodies into every
/// JSON endpoint of the OpenAPI document. Every answer is below 500 and readable (a body that says why); a refused import
/// changes nothing and an accepted one adds exactly what its report says. The seeds make every run the same; an input that
/// once failed is kept in FuzzCorpus/ and replayed first.
/// </summary>
public sealed class FuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Seed = 20261201;

    [Fact]
    public async Task MutatedFiles_AreImportedWholeOrRefusedReadably_NeverA500()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var item = (await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "组织建设", description = "记录不全", responsibleOrganizationId = tree.V11, deadline = "2026-12-31" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var roster = Workbooks.Create(new[] { Workbooks.RosterHeader }.Concat(Enumerable.Range(100, 5).Select(i =>
            new string?[] { $"成员{i}", "男", Ids.Valid(i), "13800000000", "V11", null, "正式党员", "2010-07-01", "2011-07-01", null, null, null })));
        var rosterCsv = Encoding.UTF8.GetBytes(string.Join("\n", new[] { string.Join(",", Workbooks.RosterHeader) }
            .Concat(Enumerable.Range(200, 5).Select(i => $"成员{i},女,{Ids.Valid(i)},,V12,,群众,,,,,"))));
        var organizations = Encoding.UTF8.GetBytes("编码,名称,层级,类别,上级编码\nF1,甲支部,党支部,农村,T1\nF2,乙支部,党支部,农村,T2\n");
        byte[] photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        // A course's sign-in sheet, a reporter's slides and a cadre's audit report (training, meetings, accountability).
        var course = (await (await admin.PostAsJsonAsync("/api/v1/training/courses", new { title = "村党组织书记轮训班", kind = "PartySchool", organizationId = tree.County,
            startOn = "2026-03-01", endOn = "2026-03-03", place = "县委党校", hours = 24 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        string?[] signIn = ["姓名", "公民身份号码", "学时"];
        var attendance = Workbooks.Create([signIn, ["赵一", Ids.Valid(1), null], ["钱二", Ids.Valid(2), "16"]]);
        var attendanceCsv = Encoding.UTF8.GetBytes($"姓名,公民身份号码,学时\n赵一,{Ids.Valid(1)},\n钱二,{Ids.Valid(2)},16\n");
        // The venue register (阵地), imported row by row through the form's handler.
        var venues = Workbooks.Create([["组织编码", "村（社区）党组织", "面积（平方米）", "运转经费（元）", "办公议事中心", "党员群众活动中心", "教育培训中心", "便民服务中心", "文化娱乐中心", "标准化建设完成日期", "备注"],
            ["V11", "东村党支部", "120", "15000", "是", "是", "是", "是", "否", null, "村部二楼"], [null, "西村党支部", "80", "12000", "是", "否", "是", "是", "是", null, null]]);
        var pairings = Workbooks.Create([["受帮扶村（社区）党组织", "帮扶党组织", "县外结对党组织", "开始日期", "帮扶计划"],
            ["东村党支部", "甲公司党支部", null, "2025-03-01", "技术培训"], ["V12", null, "科技部农村司党支部", "2025年3月1日", "项目申报"]]);
        var coverage = Workbooks.Create([["名称", "类型", "所属乡镇（街道）党组织", "从业人员", "党员人数", "党组织建立方式", "覆盖它的党组织", "建立日期", "党建工作指导员"],
            ["甲科技有限公司", "非公企业", "T1", "80", "5", "未建立党组织", null, null, null], ["丁物流公司", "非公企业", "一号镇党委", "60", "3", "挂靠建立", "B13", "2024-05-01", "李指导"]]);
        var meeting = await Meetings.MeetingFixture.CreateMeetingAsync(admin, tree, 1, 1);
        var person = await app.QueryAsync(db => db.People.Where(p => p.Name == "赵一").Select(p => p.Id).SingleAsync());
        Dictionary<string, string> progress = new() { ["text"] = "进展" };
        Dictionary<string, string> auditReport = new()
        {
            ["personId"] = person.ToString(System.Globalization.CultureInfo.InvariantCulture), ["title"] = "赵一同志任期经济责任审计报告", ["auditor"] = "县审计局",
            ["issuedOn"] = "2026-06-30", ["findings"] = "未发现重大问题",
        };
        var targets = new (string Name, string Url, string Field, byte[] Base, string FileName, Dictionary<string, string> Fields)[]
        {
            ("roster.xlsx", "/api/v1/imports/roster", "file", roster, "名册.xlsx", []),
            ("roster.csv", "/api/v1/imports/roster", "file", rosterCsv, "名册.csv", []),
            ("organizations.csv", "/api/v1/imports/organizations", "file", organizations, "组织.csv", []),
            ("evidence.png", $"/api/v1/ledger/{item}/progress", "files", photo, "照片.png", progress),
            ("ledger.xlsx", "/api/v1/ledger/import", "file", roster, "台账.xlsx", []),
            ("attendance.xlsx", $"/api/v1/training/courses/{course}/attendance", "file", attendance, "签到表.xlsx", []),
            ("attendance.csv", $"/api/v1/training/courses/{course}/attendance", "file", attendanceCsv, "签到表.csv", []),
            ("venues.xlsx", "/api/v1/venues/import", "file", venues, "活动场所.xlsx", []),
            ("pairings.xlsx", "/api/v1/pairings/import", "file", pairings, "结对名单.xlsx", []),
            ("coverage.xlsx", "/api/v1/coverage/import", "file", coverage, "两新组织.xlsx", []),
            ("slides.pdf", $"/api/v1/meetings/{meeting.MeetingId}/reporters/{meeting.Reporters[0]}/report", "slides", pdf, "述职课件.pdf", []),
            ("auditreport.pdf", "/api/v1/accountability/audit-reports", "file", pdf, "审计报告.pdf", auditReport),
        };
        var random = new Random(Seed);
        var failures = new List<string>();
        var executions = 0;
        var corpus = Path.Combine(Repository.Root, "tests", "Pingyi.Web.Tests", "Platform", "FuzzCorpus");
        var inputs = targets.SelectMany(t => Directory.EnumerateFiles(corpus, t.Name + ".*").Order().Select(f => (t, Bytes: File.ReadAllBytes(f), Case: Path.GetFileName(f))))
            .Concat(Enumerable.Range(0, 150).SelectMany(i => targets.Select(t => (t, Bytes: Mutate(t.Base, random), Case: $"{t.Name} mutation {i}"))))
            .ToList();
        foreach (var (target, bytes, name) in inputs)
        {
            executions++;
            var before = await app.QueryAsync(RowsAsync);
            using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), target.Field, target.FileName } };
            foreach (var (field, value) in target.Fields)
            {
                form.Add(new StringContent(value), field);
            }
            var response = await admin.PostAsync(target.Url, form);
            var body = await response.Content.ReadAsStringAsync();
            var added = await app.QueryAsync(RowsAsync) - before;
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{name}: {(int)response.StatusCode} {body}");
                File.WriteAllBytes(Path.Combine(corpus, $"{target.Name}.{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..12]}"), bytes);
            }
            else if (!response.IsSuccessStatusCode && (added != 0 || body.Length == 0))
            {
                failures.Add($"{name}: refused with {(int)response.StatusCode} but {added} rows added, or no reason given");
            }
        }

        output.WriteLine($"{targets.Length} file inputs: {executions} files, {failures.Count} failures");
        Assert.True(executions >= 150 * targets.Length, $"{executions} executions");
        Assert.True(failures.Count == 0, $"{failures.Count} of {executions} inputs:\n" + string.Join("\n", failures.Take(20)));

        // What a refused file must not have added: people, organizations, attendance, audit reports, venues, pairings, new organizations and audit entries.
        static async Task<int> RowsAsync(Data.PingyiDbContext db) => await db.People.CountAsync() + await db.Organizations.CountAsync()
            + await db.TrainingAttendances.CountAsync() + await db.AuditReports.CountAsync() + await db.Venues.CountAsync() + await db.BranchPairings.CountAsync() + await db.NewOrganizations.CountAsync()
            + await db.AuditEntries.CountAsync(e => !e.Action.StartsWith("export."));
    }

    /// <summary>
    /// The independent recount (<c>pingyi recount FILE</c>) fed mutated exports of a published meeting — JSON, CSV and Excel,
    /// bytes mutated and, for JSON, values replaced within the structure: each is recounted or refused with a reason
    /// (<see cref="InvalidDataException"/>), never another exception.
    /// </summary>
    [Fact]
    public async Task MutatedBallotExports_AreRecountedOrRefusedReadably()
    {
        await using var published = await Meetings.PublishedMeeting.RunAsync("Sqlite");
        var (admin, id) = (published.Room.Admin, published.Room.Id);
        var json = await admin.GetByteArrayAsync($"/api/v1/meetings/{id}/ballots");
        using var asCsv = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/meetings/{id}/ballots") { Headers = { { "Accept", "text/csv" } } };
        var csv = await (await admin.SendAsync(asCsv)).Content.ReadAsByteArrayAsync();
        var xlsx = await admin.GetByteArrayAsync($"/api/v1/meetings/{id}/ballots.xlsx");
        var bases = new (string Name, byte[] Bytes)[] { ("ballots.json", json), ("ballots.csv", csv), ("ballots.xlsx", xlsx) };
        var corpus = Path.Combine(Repository.Root, "tests", "Pingyi.Web.Tests", "Platform", "FuzzCorpus");
        var random = new Random(Seed);
        var inputs = bases.SelectMany(b => Directory.EnumerateFiles(corpus, b.Name + ".*").Order().Select(f => (b.Name, Bytes: File.ReadAllBytes(f), Case: Path.GetFileName(f))))
            .Concat(Enumerable.Range(0, 200).SelectMany(i => bases.Select(b => (b.Name, Bytes: Mutate(b.Bytes, random), Case: $"{b.Name} mutation {i}"))))
            .Concat(Enumerable.Range(0, 300).Select(i => ("ballots.json", Bytes: MutateJson(json, random), Case: $"ballots.json value {i}")))
            .ToList();
        var directory = Directory.CreateTempSubdirectory("pingyi-fuzz-recount-");
        var (recounted, refused) = (0, 0);
        var failures = new List<string>();
        try
        {
            foreach (var (name, bytes, label) in inputs)
            {
                var path = Path.Combine(directory.FullName, name);
                await File.WriteAllBytesAsync(path, bytes);
                try
                {
                    _ = Modules.Meetings.Recount.Compare(Modules.Meetings.Recount.Load(path));
                    recounted++;
                }
                catch (InvalidDataException e) when (e.Message.Length > 0)
                {
                    refused++;
                }
                catch (Exception e)
                {
                    failures.Add($"{label}: {e.GetType().Name}: {e.Message} {e.StackTrace?.Split('\n')[0].Trim()}");
                    File.WriteAllBytes(Path.Combine(corpus, $"{name}.{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..12]}"), bytes);
                }
            }
        }
        finally
        {
            directory.Delete(true);
        }

        output.WriteLine($"{inputs.Count} exports: {recounted} recounted, {refused} refused with a reason, {failures.Count} failures");
        Assert.True(recounted > 0 && refused > 0, $"{recounted} recounted, {refused} refused: the mutations reach both outcomes");
        Assert.True(failures.Count == 0, $"{failures.Count} of {inputs.Count} exports:\n" + string.Join("\n", failures.Take(20)));
    }

    /// <summary>One to three values of the JSON replaced: a number by another (negative, huge, fractional), a string, null or an empty array.</summary>
    private static byte[] MutateJson(byte[] source, Random random)
    {
        var root = JsonNode.Parse(source)!;
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var leaves = new List<JsonNode>();
            void Walk(JsonNode? node)
            {
                switch (node)
                {
                    case JsonObject o: foreach (var (_, v) in o) { Walk(v); } break;
                    case JsonArray a: foreach (var v in a) { Walk(v); } break;
                    case JsonValue v: leaves.Add(v); break;
                }
            }
            Walk(root);
            if (leaves.Count == 0)
            {
                break;
            }
            var leaf = leaves[random.Next(leaves.Count)];
            JsonNode? replacement = random.Next(7) switch
            {
                0 => JsonValue.Create(-random.Next(1, 1000)),
                1 => JsonValue.Create(long.MaxValue),
                2 => JsonValue.Create(random.NextDouble() * 1e6),
                3 => JsonValue.Create("x"),
                4 => null,
                5 => new JsonArray(),
                _ => JsonValue.Create(random.Next(0, 40)),
            };
            switch (leaf.Parent)
            {
                case JsonObject parent: parent[leaf.GetPropertyName()] = replacement; break;
                case JsonArray array: array[leaf.GetElementIndex()] = replacement; break;
            }
        }
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    [Fact]
    public async Task GeneratedBodies_IntoEveryJsonEndpoint_NeverGetA500()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var document = await admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var endpoints = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(m => m.Name is "post" or "put")
                .Where(m => m.Value.TryGetProperty("requestBody", out var b) && b.GetProperty("content").TryGetProperty("application/json", out _))
                .Select(m => (Method: m.Name.ToUpperInvariant(), Path: p.Name, Schema: m.Value.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"))))
            .Where(e => !e.Path.StartsWith("/api/v1/auth", StringComparison.Ordinal))
            .OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        // The county's administrator, and accounts of the other roles at a township and a branch: the refusal of a role must be a
        // 403 or 404 before the body is looked at, or a 4xx about the body — never a 500 on the way.
        await app.CreateUserAsync("fuzz-department", "C", Roles.OrganizationDepartment);
        await app.CreateUserAsync("fuzz-secretary", "V11", Roles.Secretary);
        await app.CreateUserAsync("fuzz-inspector", "T1", Roles.DisciplineInspection);
        await app.CreateUserAsync("fuzz-supervisor", "T1", Roles.Supervisor);
        var callers = new List<(string Name, HttpClient Client, int Bodies)> { ("admin", admin, 6), ("t1admin", await app.SignInAsync("t1admin"), 2) };
        foreach (var name in new[] { "fuzz-department", "fuzz-secretary", "fuzz-inspector", "fuzz-supervisor" })
        {
            callers.Add((name, await app.SignInAsync(name), 2));
        }
        var random = new Random(Seed);
        var failures = new List<string>();
        var executions = 0;
        foreach (var (caller, client, bodies) in callers)
        {
            foreach (var (method, path, schema) in endpoints)
            {
                var url = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", m => m.Value.Contains("year") ? "2026" : m.Value.Contains("format") ? "json" : tree.V11.ToString(System.Globalization.CultureInfo.InvariantCulture));
                for (var i = 0; i < bodies; i++)
                {
                    executions++;
                    var body = i == 0 ? "{" : Generate(schema, schemas, random, 0)?.ToJsonString() ?? "null";
                    using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    var response = await client.SendAsync(request);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{caller}: {method} {url} {body[..Math.Min(body.Length, 300)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
            }
        }

        output.WriteLine($"{endpoints.Count} JSON endpoints × {callers.Count} accounts ({string.Join(", ", callers.Select(c => c.Name))}): {executions} bodies, {failures.Count} answered 5xx");
        Assert.True(endpoints.Count > 100, $"{endpoints.Count} JSON endpoints");
        Assert.True(failures.Count == 0, $"{failures.Count} of {executions} bodies:\n" + string.Join("\n", failures.Take(20)));
    }

    /// <summary>One to four of: a byte flipped, bytes inserted, a range deleted, the tail cut, a chunk repeated.</summary>
    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = source.ToList();
        for (var n = random.Next(1, 5); n > 0 && bytes.Count > 0; n--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256))); break;
                case 2: bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at)); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                default: bytes.InsertRange(at, bytes.Skip(at).Take(random.Next(1, 128)).ToList()); break;
            }
        }
        return [.. bytes];
    }

    /// <summary>A value for the schema: mostly of the declared shape with odd values, sometimes of the wrong type altogether.</summary>
    private static JsonNode? Generate(JsonElement schema, JsonElement schemas, Random random, int depth)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }
        if (depth > 4 || random.Next(8) == 0)
        {
            return Odd(random);
        }
        if (schema.TryGetProperty("properties", out var properties))
        {
            var node = new JsonObject();
            foreach (var property in properties.EnumerateObject())
            {
                if (random.Next(5) > 0)
                {
                    node[property.Name] = Generate(property.Value, schemas, random, depth + 1);
                }
            }
            return node;
        }
        if (schema.TryGetProperty("items", out var items))
        {
            var array = new JsonArray();
            for (var i = random.Next(4); i > 0; i--)
            {
                array.Add(Generate(items, schemas, random, depth + 1));
            }
            return array;
        }
        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0 && random.Next(2) == 0)
        {
            return JsonNode.Parse(values[random.Next(values.GetArrayLength())].GetRawText());
        }
        return Odd(random);
    }

    private static JsonNode? Odd(Random random) => random.Next(14) switch
    {
        0 => null,
        1 => JsonValue.Create(-1),
        2 => JsonValue.Create(long.MaxValue),
        3 => JsonValue.Create(0),
        4 => JsonValue.Create(1e308),
        5 => JsonValue.Create(""),
        6 => JsonValue.Create(new string('党', 5000)),
        7 => JsonValue.Create("2026-02-30"),
        8 => JsonValue.Create("9999-12-31T23:59:59+14:00"),
        9 => JsonValue.Create("<script>alert(1)</script>"),
        10 => JsonValue.Create(true),
        11 => new JsonArray(JsonValue.Create(1), JsonValue.Create("x")),
        12 => new JsonObject { ["a"] = new JsonObject { ["b"] = JsonValue.Create("c") } },
        _ => JsonValue.Create("\u0000\uFFFF\uD83D"),
    };
}
