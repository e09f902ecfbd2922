using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Organizations;

/// <summary>The organization tree: create, rename, move, merge, dissolve; history kept forever.</summary>
public sealed class OrganizationsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrganizationChanges>();
        builder.Services.AddScoped<CreateOrganizationHandler>();
        builder.Services.AddScoped<RenameOrganizationHandler>();
        builder.Services.AddScoped<MoveOrganizationHandler>();
        builder.Services.AddScoped<MergeOrganizationHandler>();
        builder.Services.AddScoped<DissolveOrganizationHandler>();
        builder.Services.AddScoped<OrganizationQueries>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapOrganizationsApi();

    public override IEnumerable<CommandVerb> Verbs =>
    [
        new("setup", "setup --code CODE --name NAME [--level CountyCommittee|MunicipalCommittee|ProvincialCommittee] [--established YYYY-MM-DD]", async c =>
        {
            // A deployment of its own: an empty database (Demo:SeedOnFirstRun=false) gets its top organization and first
            // administrator here; the rest of the tree is imported or created on the pages by that administrator.
            await c.Services.GetRequiredService<PingyiDbContext>().MigrateAsync();
            var level = c.Configuration["level"] ?? nameof(OrganizationLevel.CountyCommittee);
            var established = c.Configuration["established"];
            try
            {
                if (!Enum.TryParse<OrganizationLevel>(level, out var parsed) || !Enum.IsDefined(parsed))
                {
                    throw RuleViolation.Invalid($"无法识别的组织层级“{level}”", "level");
                }
                DateOnly? on = null;
                if (established is not null)
                {
                    on = DateOnly.TryParseExact(established, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
                        ? day : throw RuleViolation.Invalid($"成立日期“{established}”应写作 YYYY-MM-DD", "established");
                }
                var root = await c.Services.GetRequiredService<CreateOrganizationHandler>().CreateRootAsync(c.Configuration["code"], c.Configuration["name"], parsed, on);
                Console.WriteLine($"已建立最上级组织：{root.Name}（{root.Code}）。");
            }
            catch (RuleViolation e)
            {
                Console.Error.WriteLine(e.Message);
                Environment.ExitCode = 1;
                return;
            }
            await Accounts.AccountSeeding.EnsureAdministratorAsync(c.Services, c.Configuration, c.Logger);
        }),
    ];
}
