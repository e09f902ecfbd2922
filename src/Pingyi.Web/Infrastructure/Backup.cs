using Microsoft.Data.Sqlite;
using Pingyi.Web.Data;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// <c>pingyi backup FILE</c>: a consistent copy of the SQLite database taken with SQLite's online
/// backup API while the platform keeps running. <c>pingyi restore FILE</c>: puts such a copy into an
/// empty data folder. PostgreSQL is backed up with pg_dump (README).
/// </summary>
public static class Backup
{
    public static bool Run(IConfiguration configuration, string[] args)
    {
        if (configuration.Provider() != DatabaseProvider.Sqlite)
        {
            return Fail("pingyi backup copies the embedded SQLite database; for PostgreSQL use pg_dump (see README).");
        }
        if (args.Length < 2 || args[1].StartsWith('-'))
        {
            return Fail("usage: pingyi backup FILE");
        }
        var target = Path.GetFullPath(args[1]);
        if (File.Exists(target))
        {
            return Fail($"{target} exists already; choose a new file name.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using (var source = new SqliteConnection(configuration.ConnectionString()))
        using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            source.Open();
            destination.Open();
            source.BackupDatabase(destination);
            using var mode = destination.CreateCommand();
            // A single self-contained file: no -wal beside it.
            mode.CommandText = "PRAGMA journal_mode=DELETE;";
            mode.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"Backup written to {target} ({new FileInfo(target).Length / 1024} KB). Keep the personal-data key (keys/pii.key) separately: without it ID and phone numbers cannot be read.");
        return true;
    }

    public static bool Restore(IConfiguration configuration, string[] args)
    {
        if (configuration.Provider() != DatabaseProvider.Sqlite)
        {
            return Fail("pingyi restore restores the embedded SQLite database; for PostgreSQL use pg_restore (see README).");
        }
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            return Fail("usage: pingyi restore FILE (an existing backup file)");
        }
        var database = Path.Combine(configuration.DataDirectory(), "pingyi.db");
        if (File.Exists(database))
        {
            return Fail($"{database} exists: restore only into an empty data folder, so nothing is overwritten by mistake.");
        }
        Directory.CreateDirectory(configuration.DataDirectory());
        using (var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = args[1], Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            check.Open();
            using var command = check.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            if (command.ExecuteScalar() as string != "ok")
            {
                return Fail($"{args[1]} is damaged (integrity check failed); nothing restored.");
            }
        }
        File.Copy(args[1], database);
        Console.WriteLine($"Restored {args[1]} to {database}. Put the personal-data key back as {Path.Combine(configuration.DataDirectory(), "keys", "pii.key")} (or set PINGYI_PII_KEY) before starting, then run 'pingyi audit verify'.");
        return true;
    }

    private static bool Fail(string message)
    {
        Console.Error.WriteLine(message);
        Environment.ExitCode = 1;
        return true;
    }
}
