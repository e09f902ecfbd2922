using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Demo;
using Pingyi.Web.Tests.Support;
using Xunit.Abstractions;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// The upgrade drill on both databases (ADR 0020): a county's database with data at the schema of an earlier release — the
/// demo county, stepped down through the newest migrations' own Down steps to <see cref="PreviousRelease"/> or, when fewer
/// migrations came since, <see cref="AtLeast"/> migrations back — is upgraded with <c>pingyi migrate</c> of this build, and
/// loses nothing: every table of the old schema has the same rows, column by column, and the audit chain verifies.
/// </summary>
public sealed class UpgradeDrillTests(ITestOutputHelper output)
{
    /// <summary>The name of the newest migration of the last release that landed (update when a release lands with new migrations).</summary>
    public const string PreviousRelease = "ResidentsO2O";

    /// <summary>However recent the release, the drill steps over at least this many migrations, so that it always upgrades data.</summary>
    public const int AtLeast = 12;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ADatabaseOfTheEarlierRelease_WithData_MigratesToThisOne_WithoutLoss(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.WithScopeAsync(async sp =>
        {
            await DemoModule.LoadAsync(sp, new DemoCounty.Options(Seed: 7, TargetMembers: 600), 20, 3);
            await AccountSeeding.EnsureAdministratorAsync(sp, sp.GetRequiredService<IConfiguration>(), NullLogger.Instance);
        });
        var (target, stepped, before) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PingyiDbContext>();
            var migrations = db.Database.GetMigrations().ToList();
            var release = migrations.FindIndex(m => m.EndsWith("_" + PreviousRelease, StringComparison.Ordinal));
            Assert.True(release >= 0, $"{PreviousRelease} is not a migration of this build");
            var target = migrations[Math.Min(release, migrations.Count - 1 - AtLeast)];
            await db.GetService<IMigrator>().MigrateAsync(target);
            var connection = db.Database.GetDbConnection();
            return (target, migrations.Count - 1 - migrations.IndexOf(target), await ContentsAsync(connection, provider));
        });
        await app.StopInProcessHostAsync();

        // The release's database, upgraded the way the README tells an operator to: `pingyi migrate` of the new build.
        var migrate = await Processes.PingyiAsync(app.DataDirectory, ["migrate", .. app.HostSettings.SelectMany(s => new[] { "--" + s.Key, s.Value })]);
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        await using var upgraded = app.OpenDatabase();
        var applied = (await upgraded.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(upgraded.Database.GetMigrations(), applied);
        var after = await ContentsAsync(upgraded.Database.GetDbConnection(), provider);

        var tables = before.Keys.Where(t => t != "__EFMigrationsHistory").ToList();
        var lost = tables.Where(t => !after.TryGetValue(t, out var a) || a.Rows != before[t].Rows || Digest(a, before[t].Columns) != Digest(before[t], before[t].Columns)).ToList();
        Assert.True(lost.Count == 0, "changed by the upgrade: " + string.Join(", ", lost.Select(t => $"{t} ({before[t].Rows} rows before, {(after.TryGetValue(t, out var a) ? a.Rows : 0)} after)")));
        // A conversion of the upgrade: a post's education text gives the level eligibility checks (the demo's posts ask 大学专科及以上).
        var posts = await upgraded.SelectionPosts.Select(p => new { p.Education, p.MinEducation }).ToListAsync();
        Assert.True(posts.Count > 0 && posts.All(p => p.Education == "大学专科及以上" && p.MinEducation == Core.People.EducationLevel.College), string.Join("; ", posts));
        var verify = await Processes.PingyiAsync(app.DataDirectory, "audit", "verify", "--Database:Provider", provider, "--ConnectionStrings:Pingyi", app.ConnectionString);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains("Audit trail valid", verify.Output);
        var withRows = tables.Count(t => before[t].Rows > 0);
        Assert.True(withRows >= 40, $"only {withRows} tables had rows: the drill would prove little");
        output.WriteLine($"{provider}: from {target} ({stepped} migrations back, release {PreviousRelease}) to {applied[^1]}; " +
            $"{tables.Count} tables of the old schema, {withRows} with rows, {tables.Sum(t => before[t].Rows):N0} rows, every one unchanged; audit chain valid");
    }

    private sealed record Table(long Rows, IReadOnlyList<string> Columns, IReadOnlyDictionary<string, string> ColumnDigests);

    private static string Digest(Table table, IReadOnlyList<string> columns) =>
        string.Join(",", columns.Select(c => table.ColumnDigests.GetValueOrDefault(c, "missing")));

    /// <summary>Every table's row count and, per column, a digest of its values.</summary>
    private static async Task<Dictionary<string, Table>> ContentsAsync(DbConnection connection, string provider)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }
        var names = await ListAsync(connection, provider == "Sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        var contents = new Dictionary<string, Table>();
        foreach (var name in names)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{name}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var values = columns.Select(_ => new List<string>()).ToList();
            long rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < columns.Count; i++)
                {
                    values[i].Add(Text(reader.GetValue(i)));
                }
            }
            // Each column's values as a sorted list: the same however the rows come back.
            contents[name] = new Table(rows, columns, columns.Select((c, i) => (c, Convert.ToHexString(SHA256.HashData(
                Encoding.UTF8.GetBytes(string.Join('\u001f', values[i].Order(StringComparer.Ordinal))))))).ToDictionary(x => x.c, x => x.Item2));
        }
        return contents;
    }

    /// <summary>A value as text the same on both sides of a migration (SQLite may keep a number as integer or real, a date as text).</summary>
    private static string Text(object value) => value switch
    {
        DBNull => "∅",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static async Task<List<string>> ListAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }
        return list;
    }
}
