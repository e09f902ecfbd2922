using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Audit;

/// <summary>
/// The backup drill on both databases: a backup taken while a clerk keeps recording ledger items, restored into an empty
/// place; the restored trail verifies, and every item in the copy has its audit entry and no more (the copy is one moment).
/// SQLite with <c>pingyi backup</c> / <c>pingyi restore</c>, PostgreSQL with pg_dump / pg_restore as the README says.
/// </summary>
public sealed class BackupDrillTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task ABackupTakenWhileWriting_RestoresIntoAnEmptyPlace_AndVerifies(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var written = 0;
        var started = new TaskCompletionSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 150; i++)
            {
                var response = await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "组织建设", description = $"备份演练事项{i}", responsibleOrganizationId = tree.V11, deadline = "2026-12-31" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                if (Interlocked.Increment(ref written) == 20)
                {
                    started.SetResult();
                }
            }
        });
        await started.Task;
        var place = Path.Combine(Path.GetTempPath(), "pingyi-tests", "drill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(place);
        string restoredConnection;
        Func<Task>? drop = null;
        if (provider == "Sqlite")
        {
            var file = Path.Combine(place, "backup.db");
            var backup = await Processes.PingyiAsync(app.DataDirectory, "backup", file);
            var writtenAtBackupEnd = Volatile.Read(ref written);
            var restored = Path.Combine(place, "restored");
            var restore = await Processes.PingyiAsync(restored, "restore", file);
            Assert.True(backup.ExitCode == 0 && restore.ExitCode == 0, backup.Output + restore.Output);
            Assert.True(writtenAtBackupEnd < 150, "the backup finished after the writing: it was not taken while writing");
            restoredConnection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(restored, "pingyi.db"), Pooling = false }.ToString();
        }
        else
        {
            var source = new NpgsqlConnectionStringBuilder(app.ConnectionString);
            var file = Path.Combine(place, "backup.dump");
            var dump = await Tool(PostgresTool("pg_dump"), ["-Fc", "-h", source.Host!, "-p", source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", source.Username!, "-d", source.Database!, "-f", file]);
            var writtenAtBackupEnd = Volatile.Read(ref written);
            var name = "pingyi_restored_" + Guid.NewGuid().ToString("N")[..12];
            await TemplateDatabases.ExecuteAsync($"CREATE DATABASE \"{name}\"");
            drop = () => TemplateDatabases.DropPostgresAsync(name);
            var restore = await Tool(PostgresTool("pg_restore"), ["-h", source.Host!, "-p", source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", source.Username!, "-d", name, "--no-owner", file]);
            Assert.True(dump.ExitCode == 0 && restore.ExitCode == 0, dump.Output + restore.Output);
            Assert.True(writtenAtBackupEnd < 150, "the dump finished after the writing: it was not taken while writing");
            restoredConnection = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = name, Pooling = false }.ConnectionString;
        }
        await writer;
        try
        {
            var verify = await Processes.PingyiAsync(Path.Combine(place, "verify"), "audit", "verify", "--Database:Provider", provider, "--ConnectionStrings:Pingyi", restoredConnection);
            await using var connection = provider == "Sqlite" ? (DbConnection)new SqliteConnection(restoredConnection) : new NpgsqlConnection(restoredConnection);
            await connection.OpenAsync();
            var items = await CountAsync(connection, """SELECT count(*) FROM "LedgerItems" WHERE "Description" LIKE '备份演练事项%'""");
            var entries = await CountAsync(connection, """SELECT count(*) FROM audit_entries WHERE "Action" = 'ledger.create'""");

            Assert.True(verify.ExitCode == 0, verify.Output);
            Assert.Contains("Audit trail valid", verify.Output);
            Assert.InRange(items, 20, 149);
            Assert.Equal(items, entries);
        }
        finally
        {
            if (drop is not null)
            {
                await drop();
            }
            Directory.Delete(place, true);
        }
    }

    private static async Task<long> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Debian's PostgreSQL client programs: on the PATH, else beside the server the tests run.</summary>
    private static string PostgresTool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", name)).First(File.Exists);

    private static async Task<(int ExitCode, string Output)> Tool(string program, IEnumerable<string> args) =>
        await Processes.RunAsync(program, args) is var (code, output, errors) ? (code, output + errors) : default;
}
