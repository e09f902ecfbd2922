using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Audit;

/// <summary>The hash-chained audit trail: every module records its changes through <see cref="AuditLog"/>.</summary>
public sealed class AuditModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<AuditQueries>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapAuditApi();

    public override IEnumerable<CommandVerb> Verbs =>
    [
        new("audit verify", "audit verify", async c =>
        {
            var verification = await AuditChain.VerifyAsync(c.Services.GetRequiredService<PingyiDbContext>());
            Console.WriteLine(verification.Valid
                ? $"Audit trail valid: {verification.Entries} entries."
                : $"Audit trail BROKEN at entry {verification.FirstBrokenId} (after {verification.Entries - 1} valid entries).");
            Environment.ExitCode = verification.Valid ? 0 : 1;
        }),
    ];
}
