using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Audit;

public sealed class AuditTrailTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    /// <summary>
    /// Found by the upgrade drill in the demo county: entries saved together were chained in the change tracker's order and
    /// numbered in the order the database inserted them, which differ once a pending change was discarded in the same unit of
    /// work; the chain then read as broken although nothing was altered.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task EntriesSavedTogether_AfterADiscardedChange_AreChainedInTheOrderTheyAreNumbered(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Pingyi.Web.Data.PingyiDbContext>();
            var audit = sp.GetRequiredService<Pingyi.Web.Modules.Audit.AuditLog>();
            await using var work = await Pingyi.Web.Data.UnitOfWorkExtensions.BeginWorkAsync(db);
            // A change made and then discarded before the first entry, dropped after it: its place is taken by a later one.
            audit.Record("test.discarded", "Discarded", 0, null);
            audit.Record("test.first", "Test", "first", null);
            db.ChangeTracker.Entries<Pingyi.Web.Modules.Audit.AuditEntry>().Single(e => e.Entity.EntityType == "Discarded").State = EntityState.Detached;
            foreach (var n in new[] { "second", "third", "fourth" })
            {
                audit.Record("test." + n, "Test", n, null);
            }
            await db.SaveChangesAsync();
            await work.CommitAsync();
        });

        var stored = await app.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "Test").OrderBy(e => e.Id).Select(e => e.EntityId).ToListAsync());
        var verify = await app.QueryAsync(db => Pingyi.Web.Modules.Audit.AuditChain.VerifyAsync(db));
        Assert.Equal(["first", "second", "third", "fourth"], stored);
        Assert.True(verify.Valid, $"broken at {verify.FirstBrokenId}");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ConcurrentWriters_KeepTheChainValid(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var before = await app.QueryAsync(db => db.AuditEntries.CountAsync());
        long[] targets = [tree.T1, tree.T2, tree.V11, tree.V12, tree.G1, tree.B13, tree.V21];

        var writers = targets.Select(id => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var response = await admin.PostAsJsonAsync($"/api/v1/organizations/{id}/rename", new { name = $"并发{id}-{i}" });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }));
        await Task.WhenAll(writers);
        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");

        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(before + 35, verify.GetProperty("entries").GetInt64());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ImportsInLongTransactions_AndEditsAtTheSameTime_KeepTheChainValid(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        byte[] Roster(int start) => Workbooks.Create(new[] { Workbooks.RosterHeader }.Concat(Enumerable.Range(start, 300).Select(i =>
            new string?[] { $"成员{i}", null, Ids.Valid(i), null, i % 2 == 0 ? "V11" : "V21", null, "群众", null, null, null, null, null })));

        var imports = new[] { 1000, 2000, 3000 }.Select(start => Task.Run(async () =>
        {
            var response = await Imports.RosterImportTests.UploadAsync(admin, "/api/v1/imports/roster", Roster(start), "r.xlsx");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
        var edits = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/organizations/{tree.V12}/rename", new { name = $"西村{i}" })).StatusCode);
            }
        });
        await Task.WhenAll(imports.Append(edits));
        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");

        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(904, await app.QueryAsync(db => db.People.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Verify_ReportsADeletedRow(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var victim = await app.QueryAsync(db => db.AuditEntries.OrderBy(a => a.Id).Skip(3).Select(a => a.Id).FirstAsync());

        await app.QueryAsync(db => db.AuditEntries.Where(a => a.Id == victim).ExecuteDeleteAsync());
        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");

        Assert.False(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(victim + 1, verify.GetProperty("firstBrokenId").GetInt64());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Verify_ReportsARowWithAnUnreadableTimestamp_AsTheFirstBrokenEntry_NeverCrashes(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var victim = await app.QueryAsync(db => db.AuditEntries.OrderBy(a => a.Id).Skip(2).Select(a => a.Id).FirstAsync());

        // SQLite keeps whatever text is written; PostgreSQL's timestamp column takes only a time, of which 'infinity' reads as no real one.
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(provider == "Postgres"
            ? $"""UPDATE audit_entries SET "OccurredAt" = 'infinity' WHERE "Id" = {victim}"""
            : $"""UPDATE audit_entries SET "OccurredAt" = '二〇二六年某日 not a time' WHERE "Id" = {victim}"""));
        var verify = await admin.GetAsync("/api/v1/audit/verify");
        var body = await verify.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.Equal(victim, body.GetProperty("firstBrokenId").GetInt64());
        if (provider == "Sqlite")
        {
            var command = await RunPingyiAsync(app, "audit", "verify");
            Assert.Equal(1, command.ExitCode);
            Assert.Contains($"BROKEN at entry {victim}", command.Output);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Verify_InSlices_FindsBreaksInsideAndBetweenSlices(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var ids = await app.QueryAsync(db => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
        Assert.True(ids.Count >= 8);
        var sliced = await app.QueryAsync(db => Web.Modules.Audit.AuditChain.VerifyAsync(db, default, minimumSlice: 3));

        // Delete the last entry of the first slice: the next slice's first link breaks.
        var width = (ids[^1] - ids[0]) / 2 + 1;
        var lastOfFirst = ids.Last(i => i < ids[0] + width);
        await app.QueryAsync(db => db.AuditEntries.Where(a => a.Id == lastOfFirst).ExecuteDeleteAsync());
        var acrossSlices = await app.QueryAsync(db => Web.Modules.Audit.AuditChain.VerifyAsync(db, default, minimumSlice: 3));

        Assert.True(sliced.Valid);
        Assert.Equal(ids.Count, sliced.Entries);
        Assert.False(acrossSlices.Valid);
        Assert.Equal(ids.First(i => i > lastOfFirst), acrossSlices.FirstBrokenId);
    }

    [Fact]
    public async Task AuditVerifyCommand_ExitsNonZeroOnATamperedSqliteDatabase()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        await app.SeedAsync();
        var good = await RunPingyiAsync(app, "audit", "verify");
        await app.QueryAsync(db => db.AuditEntries.Where(a => a.Id == 2).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserName, "mallory")));
        var bad = await RunPingyiAsync(app, "audit", "verify");

        Assert.Equal(0, good.ExitCode);
        Assert.Contains("valid: 9 entries", good.Output); // the first grading scheme at startup, the seed
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("BROKEN at entry 2", bad.Output);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheTrail_IsLimitedToTheCallersScope_AndClosedToOtherRoles(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        await app.CreateUserAsync("t1discipline", "T1", Roles.DisciplineInspection);
        var discipline = await app.SignInAsync("t1discipline");
        var townshipAdmin = await app.SignInAsync("t1admin");

        var list = await discipline.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=200");
        var refused = await townshipAdmin.GetAsync("/api/v1/audit");
        var exported = await discipline.GetStringAsync("/api/v1/audit/export?format=csv");

        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entityId").GetString()).ToList();
        Assert.Equal([tree.B13.ToString(), tree.G1.ToString(), tree.V12.ToString(), tree.V11.ToString(), tree.T1.ToString()], ids);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("organization.create", exported);
        Assert.DoesNotContain("account.signin", exported);
        Assert.DoesNotContain($",{tree.V21},", exported);
    }

    [Fact]
    public async Task Backup_WhileRunning_RestoresIntoAnEmptyFolder_AndVerifies()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/organizations/2/rename", new { name = "备份前更名" })).StatusCode);
        var file = Path.Combine(app.DataDirectory, "backups", "pingyi-backup.db");
        var restored = Path.Combine(Path.GetTempPath(), "pingyi-tests", "restore-" + Guid.NewGuid().ToString("N"));

        var backup = await RunPingyiAsync(app.DataDirectory, "backup", file);
        var again = await RunPingyiAsync(app.DataDirectory, "backup", file);
        var restore = await RunPingyiAsync(restored, "restore", file);
        var intoFull = await RunPingyiAsync(app.DataDirectory, "restore", file);
        var verify = await RunPingyiAsync(restored, "audit", "verify");

        Assert.Equal(0, backup.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(0, restore.ExitCode);
        Assert.Equal(1, intoFull.ExitCode);
        Assert.Contains("empty data folder", intoFull.Output);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("valid: 11 entries", verify.Output); // the first grading scheme, eight from the seed, the sign-in, the rename
        Assert.False(File.Exists(Path.Combine(restored, "keys", "pii.key")), "restore must not invent a personal-data key");
        Directory.Delete(restored, true);
    }

    [Fact]
    public async Task TokenCreateCommand_PrintsATokenTheApiAccepts()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        await app.SeedAsync();

        var created = await RunPingyiAsync(app, "token", "create", "--user", "t1admin", "--days", "3");
        var missing = await RunPingyiAsync(app, "token", "create", "--user", "nobody");
        var token = created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).First(l => l.StartsWith("pyt_", StringComparison.Ordinal));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal(5, (await client.GetFromJsonAsync<JsonElement>("/api/v1/organizations")).GetProperty("total").GetInt32());
    }

    private static Task<(int ExitCode, string Output)> RunPingyiAsync(TestApp app, params string[] args) => RunPingyiAsync(app.DataDirectory, args);

    private static Task<(int ExitCode, string Output)> RunPingyiAsync(string dataDirectory, params string[] args) => Processes.PingyiAsync(dataDirectory, args);
}
