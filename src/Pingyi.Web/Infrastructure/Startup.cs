using Pingyi.Web.Data;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// The command line: an optional verb with its positional arguments ("backup /path/file.db"), then
/// options for the host ("--urls …", "--Data:Directory …"). Only the options reach the configuration,
/// which would otherwise read a path such as "/path/file.db" as a switch.
/// </summary>
public sealed record CommandLine(string[] Verb, string[] HostArgs)
{
    public static CommandLine Parse(string[] args)
    {
        var verb = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        return new CommandLine(verb, args[verb.Length..]);
    }
}

/// <summary>Startup work and the command-line verbs: the platform's own (migrate, backup, restore) and the modules'.</summary>
public static class Startup
{
    private static readonly CommandVerb[] PlatformVerbs =
    [
        new("migrate", "migrate", async c =>
        {
            await c.Services.GetRequiredService<PingyiDbContext>().MigrateAsync();
            Console.WriteLine($"Migrations applied ({c.Configuration.Provider()}).");
        }),
        new("backup", "backup FILE", c => Task.FromResult(Backup.Run(c.Configuration, c.Arguments))),
        new("restore", "restore FILE", c => Task.FromResult(Backup.Restore(c.Configuration, c.Arguments))),
    ];

    /// <summary>Runs a verb if the command line names one; true when the process should exit afterwards.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, CommandLine command, IReadOnlyList<PingyiModule> modules)
    {
        var args = command.Verb;
        if (args.Length == 0)
        {
            return false;
        }
        var verbs = PlatformVerbs.Concat(modules.SelectMany(m => m.Verbs)).ToList();
        var verb = verbs.Where(v => v.Matches(args)).MaxBy(v => v.Words.Length);
        if (verb is null)
        {
            Console.Error.WriteLine($"Unknown command '{args[0]}'. Commands: {string.Join(", ", verbs.Select(v => v.Usage))}; no command runs the web server.");
            Environment.ExitCode = 2;
            return true;
        }
        using var scope = app.Services.CreateScope();
        await verb.RunAsync(new VerbContext(args, scope.ServiceProvider, app.Configuration, app.Logger));
        return true;
    }

    /// <summary>Migrates (unless Database:MigrateOnStartup=false), then each module's startup work in order (demo county, administrator).</summary>
    public static async Task PrepareAsync(this WebApplication app, IReadOnlyList<PingyiModule> modules)
    {
        using var scope = app.Services.CreateScope();
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await scope.ServiceProvider.GetRequiredService<PingyiDbContext>().MigrateAsync();
        }
        foreach (var module in modules)
        {
            await module.PrepareAsync(scope.ServiceProvider, app.Configuration, app.Logger);
        }
    }
}
