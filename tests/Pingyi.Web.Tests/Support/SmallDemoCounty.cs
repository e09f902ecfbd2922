using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Demo;

namespace Pingyi.Web.Tests.Support;

/// <summary>
/// The demo county of 600 members (seed 3) on SQLite, loaded once for the tests that only read what a new clerk finds in it:
/// loading it takes a minute, and the tests of <see cref="SmallDemoCountyCollection"/> change nothing in it.
/// </summary>
public sealed class SmallDemoCounty : IAsyncLifetime
{
    private TestApp? app;

    public TestApp App => app ?? throw new InvalidOperationException("The demo county is not loaded yet.");

    public async Task InitializeAsync()
    {
        app = await TestApp.CreateAsync("Sqlite");
        await app.WithScopeAsync(async sp =>
        {
            await DemoModule.LoadAsync(sp, new DemoCounty.Options(Seed: 3, TargetMembers: 600), 10, 3);
            await AccountSeeding.EnsureAdministratorAsync(sp, sp.GetRequiredService<IConfiguration>(), NullLogger.Instance);
        });
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
    }
}

/// <summary>The read-only tests of the small demo county, which share one load of it.</summary>
[CollectionDefinition(Name)]
public sealed class SmallDemoCountyCollection : ICollectionFixture<SmallDemoCounty>
{
    public const string Name = "small demo county";
}
