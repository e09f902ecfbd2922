namespace Pingyi.Web.Infrastructure;

/// <summary>
/// One module of the platform and everything it brings to the host: services and background jobs,
/// middleware, endpoints and hubs, command-line verbs, startup work. <c>Program.cs</c> lists each
/// module once; the platform calls these in that order. See docs/architecture.md.
/// </summary>
public abstract class PingyiModule
{
    /// <summary>Services, options, background jobs and page conventions of the module.</summary>
    public virtual void Add(IHostApplicationBuilder builder)
    {
    }

    /// <summary>Middleware that every request passes after sign-in and authorization.</summary>
    public virtual void Use(WebApplication app)
    {
    }

    /// <summary>API groups, hubs and other endpoints (Razor pages are found by their folder).</summary>
    public virtual void Map(IEndpointRouteBuilder app)
    {
    }

    /// <summary>Command-line verbs: <c>pingyi VERB …</c>.</summary>
    public virtual IEnumerable<CommandVerb> Verbs => [];

    /// <summary>Startup work after the migrations, in module order (seed roles, load the demo county).</summary>
    public virtual Task PrepareAsync(IServiceProvider services, IConfiguration configuration, ILogger logger) => Task.CompletedTask;
}

/// <summary>
/// A command-line verb. <see cref="Words"/> are matched against the start of the command line ("audit verify");
/// the verb reports failure through <see cref="Environment.ExitCode"/>.
/// </summary>
public sealed record CommandVerb(string Words, string Usage, Func<VerbContext, Task> RunAsync)
{
    public bool Matches(string[] args)
    {
        var words = Words.Split(' ');
        return args.Length >= words.Length && words.Select((w, i) => args[i] == w).All(x => x);
    }
}

/// <summary>What a verb gets: the positional words of the command line (the verb's own included), a service scope, the configuration.</summary>
public sealed record VerbContext(string[] Arguments, IServiceProvider Services, IConfiguration Configuration, ILogger Logger);
