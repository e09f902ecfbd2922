using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pingyi.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DataServices
{
    public static DatabaseProvider Provider(this IConfiguration configuration) =>
        Enum.TryParse<DatabaseProvider>(configuration["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    /// <summary>
    /// The data folder (SQLite file, keys): Data:Directory, else "data" beside the application — which,
    /// when run from the source tree (dotnet run makes the project folder the working directory), is
    /// the repository's ./data rather than src/Pingyi.Web/data.
    /// </summary>
    public static string DataDirectory(this IConfiguration configuration)
    {
        var root = configuration[HostDefaults.ContentRootKey] is { Length: > 0 } c ? c : Directory.GetCurrentDirectory();
        if (configuration["Data:Directory"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured, root);
        }
        var inSourceTree = File.Exists(Path.Combine(root, "Pingyi.Web.csproj"));
        return Path.GetFullPath(inSourceTree ? Path.Combine(root, "..", "..", "data") : Path.Combine(root, "data"));
    }

    public static string ConnectionString(this IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Pingyi");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        if (configuration.Provider() == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Pingyi is not set.");
        }
        return $"Data Source={Path.Combine(configuration.DataDirectory(), "pingyi.db")}";
    }

    public static IHostApplicationBuilder AddPingyiData(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration.ConnectionString();
        if (configuration.Provider() == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<PostgresPingyiDbContext>(o => o.UseNpgsql(connectionString));
            builder.Services.AddScoped<PingyiDbContext>(sp => sp.GetRequiredService<PostgresPingyiDbContext>());
        }
        else
        {
            Directory.CreateDirectory(configuration.DataDirectory());
            builder.Services.AddDbContext<SqlitePingyiDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(SqliteConnectionSettings.Instance));
            builder.Services.AddScoped<PingyiDbContext>(sp => sp.GetRequiredService<SqlitePingyiDbContext>());
        }
        return builder;
    }

    /// <summary>Applies pending migrations; SQLite is switched to WAL so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(this PingyiDbContext db, CancellationToken cancellationToken = default)
    {
        // Migrate also compares the model with the last migration, which costs about a second at every
        // start; an up-to-date database is recognised from its history table alone.
        var applied = await db.Database.CanConnectAsync(cancellationToken)
            ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet()
            : [];
        if (!db.Database.GetMigrations().All(applied.Contains))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        // Also for a database that arrived in another mode (a restored backup, a copied file): with
        // a rollback journal a reader blocks the writer's commit and SQLite answers "database is locked".
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>
/// Per-connection SQLite settings: full synchronous commits, a 64 MB page cache (the default 2 MB makes index updates of a
/// large import read from disk again and again) and temporary tables in memory.
/// </summary>
internal sealed class SqliteConnectionSettings : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    // synchronous=FULL: a commit is on disk before it is acknowledged (WAL would allow NORMAL, which
    // can lose the last commits on power loss — ballots must not be lost once a receipt is given).
    private const string Pragmas = "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA synchronous=FULL;";

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Used by <c>dotnet ef</c> to build the SQLite migrations.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePingyiDbContext>
{
    public SqlitePingyiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePingyiDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Used by <c>dotnet ef</c> to build the PostgreSQL migrations; no server is contacted.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPingyiDbContext>
{
    public PostgresPingyiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPingyiDbContext>().UseNpgsql("Host=localhost;Database=pingyi_design").Options);
}
