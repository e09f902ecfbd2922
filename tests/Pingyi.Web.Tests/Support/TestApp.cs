using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Tests.Support;

/// <summary>The databases every persistence test runs on: SQLite always, PostgreSQL when the test command provides a server.</summary>
public static class Providers
{
    public static string? PostgresConnection => Environment.GetEnvironmentVariable("PINGYI_TEST_PG");

    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { "Sqlite" };
            if (!string.IsNullOrEmpty(PostgresConnection))
            {
                data.Add("Postgres");
            }
            else if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                throw new InvalidOperationException("PINGYI_TEST_PG must be set in CI: every persistence test runs on PostgreSQL too.");
            }
            return data;
        }
    }
}

/// <summary>
/// The whole web host on a fresh database of the given provider. Each instance copies a migrated
/// template (a SQLite file, or a PostgreSQL template database), so every test starts clean.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Test-Admin-Pass-2026";
    public static readonly string PiiKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly string _postgresDatabase = string.Empty;
    private int? _kestrelPort;

    private TestApp(string provider, string connectionString, string dataDirectory, string postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        _postgresDatabase = postgresDatabase;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public string DataDirectory { get; }

    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();
    private TimeProvider? _clock;
    private Action<IServiceCollection>? _services;

    public static async Task<TestApp> CreateAsync(string provider, bool kestrel = false, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null,
        Action<IServiceCollection>? services = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "pingyi-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        TestApp app;
        if (provider == "Postgres")
        {
            var name = await TemplateDatabases.CreatePostgresAsync();
            var cs = new NpgsqlConnectionStringBuilder(Providers.PostgresConnection) { Database = name }.ConnectionString;
            app = new TestApp(provider, cs, dataDirectory, name);
        }
        else
        {
            var file = Path.Combine(dataDirectory, "pingyi.db");
            File.Copy(await TemplateDatabases.SqliteTemplateAsync(), file);
            app = new TestApp(provider, $"Data Source={file}", dataDirectory, string.Empty);
        }
        // Every test's requests come from one in-process address: the public endpoints' per-address limits are lifted unless a
        // test sets them (PublicLimitTests does).
        var merged = new Dictionary<string, string> { ["Security:PublicWritesPerMinute"] = "100000", ["Security:PublicReadsPerMinute"] = "100000" };
        foreach (var (key, value) in settings ?? app._settings)
        {
            merged[key] = value;
        }
        app._settings = merged;
        app._clock = clock;
        app._services = services;
        if (kestrel)
        {
            app._kestrelPort = 0;
            app.UseKestrel(0);
            app.StartServer();
        }
        return app;
    }

    /// <summary>
    /// The configuration this host runs with: the database, the data folder, the keys, and the test's settings. A host
    /// started as its own process on the same database (<see cref="HostProcess"/>) is given the same.
    /// </summary>
    public IReadOnlyDictionary<string, string> HostSettings
    {
        get
        {
            var all = new Dictionary<string, string>
            {
                ["Database:Provider"] = Provider,
                ["ConnectionStrings:Pingyi"] = ConnectionString,
                ["Data:Directory"] = DataDirectory,
                ["Demo:SeedOnFirstRun"] = "false",
                ["PINGYI_PII_KEY"] = PiiKey,
                ["PINGYI_ADMIN_PASSWORD"] = AdminPassword,
            };
            foreach (var (key, value) in _settings)
            {
                all[key] = value;
            }
            return all;
        }
    }

    /// <summary>Stops the in-process host and lets go of its database, which stays for a <see cref="HostProcess"/> to serve.</summary>
    public async Task StopInProcessHostAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>A context on this app's database outside any host, for checks while a <see cref="HostProcess"/> serves it or after.</summary>
    public PingyiDbContext OpenDatabase() => Provider == "Postgres"
        ? new PostgresPingyiDbContext(new DbContextOptionsBuilder<PostgresPingyiDbContext>().UseNpgsql(ConnectionString).Options)
        : new SqlitePingyiDbContext(new DbContextOptionsBuilder<SqlitePingyiDbContext>().UseSqlite(ConnectionString + ";Pooling=false").Options);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in HostSettings)
        {
            builder.UseSetting(key, value);
        }
        if (_clock is { } clock)
        {
            builder.ConfigureTestServices(s => s.AddSingleton(clock));
        }
        if (_services is { } services)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>The address Kestrel listens on, for browser tests.</summary>
    public string ServerAddress => _kestrelPort is null
        ? throw new InvalidOperationException("Created without Kestrel")
        : Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
        return await action(scope.ServiceProvider);
    }

    public Task WithScopeAsync(Func<IServiceProvider, Task> action) =>
        WithScopeAsync<bool>(async sp => { await action(sp); return true; });

    public Task<T> QueryAsync<T>(Func<PingyiDbContext, Task<T>> query) =>
        WithScopeAsync(sp => query(sp.GetRequiredService<PingyiDbContext>()));

    /// <summary>An account bound to the organization with <paramref name="organizationCode"/>.</summary>
    public Task CreateUserAsync(string userName, string organizationCode, params string[] roles) =>
        WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PingyiDbContext>();
            var org = await db.Organizations.SingleAsync(o => o.Code == organizationCode);
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, DisplayName = userName, OrganizationId = org.Id, LockoutEnabled = true };
            var result = await users.CreateAsync(user, AdminPassword);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            await users.AddToRolesAsync(user, roles);
        });

    /// <summary>A client signed in as <paramref name="userName"/> (cookie), with the antiforgery header set for form posts.</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = _kestrelPort is null ? new Uri("http://localhost") : new Uri(ServerAddress),
        });
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = AdminPassword });
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        var token = await client.GetFromJsonAsync<AntiforgeryToken>("/api/v1/auth/antiforgery");
        client.DefaultRequestHeaders.Add(token!.HeaderName, token.Token);
        return client;
    }

    private sealed record AntiforgeryToken(string Token, string HeaderName);

    /// <summary>
    /// A small county: C (county) → T1, T2 (townships); T1 → V11, V12 (village branches), G1 (general branch) → B13;
    /// T2 → V21. Three people in V11, one in V21. Accounts: admin (county), t1admin (T1), t2admin (T2).
    /// </summary>
    public async Task<TestTree> SeedAsync()
    {
        var tree = await WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PingyiDbContext>();
            var create = sp.GetRequiredService<CreateOrganizationHandler>();
            var now = DateTime.UtcNow;
            var county = await AddRootAsync(db, "C", "测试县委", OrganizationLevel.CountyCommittee, new DateOnly(1950, 1, 1));
            async Task<long> Create(string code, string name, OrganizationLevel level, OrganizationCategory category, long parent) =>
                (await create.HandleAsync(new CreateOrganization(code, name, level, category, parent, new DateOnly(2000, 1, 1)))).Id;
            var t1 = await Create("T1", "一号镇党委", OrganizationLevel.TownshipCommittee, OrganizationCategory.None, county.Id);
            var t2 = await Create("T2", "二号乡党委", OrganizationLevel.TownshipCommittee, OrganizationCategory.None, county.Id);
            var v11 = await Create("V11", "东村党支部", OrganizationLevel.Branch, OrganizationCategory.Village, t1);
            var v12 = await Create("V12", "西村党支部", OrganizationLevel.Branch, OrganizationCategory.Village, t1);
            var g1 = await Create("G1", "一号镇企业党总支", OrganizationLevel.GeneralBranch, OrganizationCategory.NonPublicEnterprise, t1);
            var b13 = await Create("B13", "甲公司党支部", OrganizationLevel.Branch, OrganizationCategory.NonPublicEnterprise, g1);
            var v21 = await Create("V21", "南村党支部", OrganizationLevel.Branch, OrganizationCategory.Village, t2);
            var pii = sp.GetRequiredService<PiiProtector>();
            long AddPerson(string name, string idNumber, long org)
            {
                var person = new Person
                {
                    Name = name, IdNumberCipher = pii.Encrypt(idNumber), IdNumberHash = pii.LookupHash(idNumber), PhoneCipher = pii.Encrypt("13912345678"),
                    Gender = ResidentIdNumber.Parse(idNumber).IsMale ? Gender.Male : Gender.Female, MemberStatus = MemberStatus.Full,
                    JoinedOn = new DateOnly(2010, 7, 1), OrganizationId = org, CreatedAt = now, UpdatedAt = now,
                };
                db.People.Add(person);
                db.SaveChanges();
                db.Memberships.Add(new Membership { PersonId = person.Id, OrganizationId = org, StartedOn = new DateOnly(2010, 7, 1), Reason = "测试" });
                db.SaveChanges();
                return person.Id;
            }
            AddPerson("赵一", Ids.Valid(1), v11);
            AddPerson("钱二", Ids.Valid(2), v11);
            AddPerson("孙三", Ids.Valid(3), v11);
            AddPerson("李四", Ids.Valid(4), v21);
            return new TestTree(county.Id, t1, t2, v11, v12, g1, b13, v21);
        });
        await WithScopeAsync(sp => AccountSeeding.EnsureAdministratorAsync(sp, sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        await CreateUserAsync("t1admin", "T1", Roles.OrganizationAdministrator);
        await CreateUserAsync("t2admin", "T2", Roles.OrganizationAdministrator);
        return tree;
    }

    /// <summary>The root of an empty tree (the handlers create everything below one), as a first import would make it.</summary>
    public static async Task<Organization> AddRootAsync(PingyiDbContext db, string code, string name, OrganizationLevel level, DateOnly establishedOn)
    {
        var now = DateTime.UtcNow;
        var root = new Organization { Code = code, Name = name, Level = level, EstablishedOn = establishedOn, CreatedAt = now, UpdatedAt = now };
        db.Organizations.Add(root);
        await db.SaveChangesAsync();
        root.Path = $"/{root.Id}/";
        await db.SaveChangesAsync();
        return root;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase.Length > 0)
        {
            await TemplateDatabases.DropPostgresAsync(_postgresDatabase);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled handle is left to the temp folder cleaner.
        }
    }
}

public sealed record TestTree(long County, long T1, long T2, long V11, long V12, long G1, long B13, long V21);

/// <summary>Valid resident ID numbers for tests.</summary>
public static class Ids
{
    public static string Valid(int n, int year = 1980) => ResidentIdNumber.Create("410326", new DateOnly(year, 1 + n % 12, 1 + n % 28), n % 1000).Value;
}

internal static class TemplateDatabases
{
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static string? _sqlite;
    private static string? _postgres;

    public static async Task<string> SqliteTemplateAsync()
    {
        await Lock.WaitAsync();
        try
        {
            if (_sqlite is null)
            {
                var file = Path.Combine(Path.GetTempPath(), "pingyi-tests", $"template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await using (var db = new SqlitePingyiDbContext(new DbContextOptionsBuilder<SqlitePingyiDbContext>().UseSqlite($"Data Source={file};Pooling=false").Options))
                {
                    await db.MigrateAsync();
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=DELETE;");
                }
                _sqlite = file;
            }
            return _sqlite;
        }
        finally
        {
            Lock.Release();
        }
    }

    public static async Task<string> CreatePostgresAsync()
    {
        await Lock.WaitAsync();
        try
        {
            if (_postgres is null)
            {
                var template = $"pingyi_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
                await ExecuteAsync($"CREATE DATABASE \"{template}\"");
                var cs = new NpgsqlConnectionStringBuilder(Providers.PostgresConnection) { Database = template, Pooling = false }.ConnectionString;
                await using (var db = new PostgresPingyiDbContext(new DbContextOptionsBuilder<PostgresPingyiDbContext>().UseNpgsql(cs).Options))
                {
                    await db.MigrateAsync();
                }
                _postgres = template;
            }
            var name = $"pingyi_t_{Guid.NewGuid():N}";
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{_postgres}\"");
            return name;
        }
        finally
        {
            Lock.Release();
        }
    }

    public static Task DropPostgresAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    /// <summary>Runs a statement on the test server's maintenance database (create or drop a database).</summary>
    public static async Task ExecuteAsync(string sql)
    {
        var cs = new NpgsqlConnectionStringBuilder(Providers.PostgresConnection) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
