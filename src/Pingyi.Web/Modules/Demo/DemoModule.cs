using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Demo;

/// <summary>The generated demo county: loaded into an empty database on first run, or by <c>pingyi demo</c>.</summary>
public sealed class DemoModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DemoCounty>();
        builder.Services.AddScoped<DemoLedger>();
        builder.Services.AddScoped<DemoMeeting>();
        builder.Services.AddScoped<DemoCommitments>();
        builder.Services.AddScoped<DemoGrading>();
        builder.Services.AddScoped<DemoAwards>();
        builder.Services.AddScoped<DemoArchives>();
        builder.Services.AddScoped<DemoProjects>();
        builder.Services.AddScoped<DemoTraining>();
        builder.Services.AddScoped<DemoStationing>();
        builder.Services.AddScoped<DemoSelection>();
        builder.Services.AddScoped<DemoAccountability>();
        builder.Services.AddScoped<DemoPetitions>();
        builder.Services.AddScoped<DemoRequests>();
        builder.Services.AddScoped<DemoServiceTeams>();
        builder.Services.AddScoped<DemoMembership>();
        builder.Services.AddScoped<DemoCoverage>();
        builder.Services.AddScoped<DemoOpenAffairs>();
        builder.Services.AddScoped<DemoPairing>();
        builder.Services.AddScoped<DemoVenues>();
        builder.Services.AddScoped<DemoDelegates>();
    }

    public override IEnumerable<CommandVerb> Verbs =>
    [
        new("demo", "demo [--seed N] [--members N] [--ledger N]", async c =>
        {
            await c.Services.GetRequiredService<PingyiDbContext>().MigrateAsync();
            var seed = int.TryParse(c.Configuration["seed"], out var s) ? s : 1;
            var members = int.TryParse(c.Configuration["members"], out var m) ? m : 20_000;
            var items = int.TryParse(c.Configuration["ledger"], out var l) ? l : 800;
            try
            {
                var result = await LoadAsync(c.Services, new(seed, members), items, seed);
                Console.WriteLine($"Demo county loaded: {result.Organizations} organizations, {result.People} people, {items} ledger items (seed {seed}).");
            }
            catch (RuleViolation e)
            {
                Console.Error.WriteLine(e.Message);
                Environment.ExitCode = 1;
                return;
            }
            await AccountSeeding.EnsureAdministratorAsync(c.Services, c.Configuration, c.Logger, withDemoAccounts: true);
        }),
    ];

    /// <summary>An empty database gets the demo county and the demo accounts (runs after the accounts module's startup work).</summary>
    public override async Task PrepareAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        if (!configuration.GetValue("Demo:SeedOnFirstRun", true) || await services.GetRequiredService<PingyiDbContext>().Organizations.AnyAsync())
        {
            return;
        }
        Console.WriteLine("Empty database: loading the demo county (about 20,000 members)…");
        const int items = 800;
        var result = await LoadAsync(services, new(), items, seed: 1);
        Console.WriteLine($"Demo county loaded: {result.Organizations} organizations, {result.People} people, {items} ledger items.");
        await AccountSeeding.EnsureAdministratorAsync(services, configuration, logger, withDemoAccounts: true);
    }

    /// <summary>The whole demo county: the tree and people, then a year of every module's records (also what the benchmarks load).</summary>
    public static async Task<DemoCounty.Result> LoadAsync(IServiceProvider services, DemoCounty.Options options, int ledgerItems, int seed)
    {
        services.GetRequiredService<Scope>().UseWholeTree();
        var result = await services.GetRequiredService<DemoCounty>().GenerateAsync(options);
        await services.GetRequiredService<DemoLedger>().GenerateAsync(ledgerItems, seed);
        await services.GetRequiredService<DemoMeeting>().GenerateAsync();
        await services.GetRequiredService<DemoCommitments>().GenerateAsync(seed);
        await services.GetRequiredService<DemoCommitments>().PastEvaluationAsync(seed);
        await services.GetRequiredService<DemoCommitments>().EvaluationAsync();
        await services.GetRequiredService<DemoGrading>().GenerateAsync(seed);
        await services.GetRequiredService<DemoAwards>().GenerateAsync(seed);
        await services.GetRequiredService<DemoArchives>().GenerateAsync(seed);
        await services.GetRequiredService<DemoProjects>().GenerateAsync();
        await services.GetRequiredService<DemoTraining>().GenerateAsync(seed);
        await services.GetRequiredService<DemoStationing>().GenerateAsync(seed);
        await services.GetRequiredService<DemoSelection>().GenerateAsync(seed);
        await services.GetRequiredService<DemoAccountability>().GenerateAsync();
        await services.GetRequiredService<DemoPetitions>().GenerateAsync(seed);
        await services.GetRequiredService<DemoRequests>().GenerateAsync(seed);
        await services.GetRequiredService<DemoServiceTeams>().GenerateAsync(seed);
        await services.GetRequiredService<DemoMembership>().GenerateAsync(seed);
        await services.GetRequiredService<DemoCoverage>().GenerateAsync(seed);
        await services.GetRequiredService<DemoOpenAffairs>().GenerateAsync(seed);
        await services.GetRequiredService<DemoPairing>().GenerateAsync(seed);
        await services.GetRequiredService<DemoVenues>().GenerateAsync(seed);
        await services.GetRequiredService<DemoDelegates>().GenerateAsync(seed);
        return result;
    }
}
