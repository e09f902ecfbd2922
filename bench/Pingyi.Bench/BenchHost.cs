using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Pingyi.Bench;

/// <summary>
/// The whole platform on an empty database for a benchmark: SQLite in <c>dataDirectory</c>, or the
/// PostgreSQL database of PINGYI_BENCH_PG; no demo on first run. Beside it, the baseline endpoint
/// <c>/bench/trivial</c>: the same host and pipeline up to routing, a constant JSON answer.
/// </summary>
internal sealed class BenchHost(string dataDirectory) : WebApplicationFactory<Program>
{
    public const string Password = "Bench-Admin-2026";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Data:Directory", dataDirectory);
        builder.UseSetting("Demo:SeedOnFirstRun", "false");
        builder.UseSetting("PINGYI_ADMIN_PASSWORD", Password);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The generator is one address; the per-address limit on public reads would refuse a crowd of them.
        builder.UseSetting("Security:PublicReadsPerMinute", "100000000");
        if (Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is { Length: > 0 } pg)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Pingyi", pg);
        }
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, TrivialEndpoint>());
    }

    private sealed class TrivialEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/bench/trivial", a => a.Run(c => c.Response.WriteAsJsonAsync(new { receipt = "ABCDEFGHJK", message = "ok" })));
        };
    }
}
