using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Demo;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

public sealed class PlatformTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Fact]
    public void Migrations_CoverTheModel_ForBothProviders()
    {
        using var sqlite = new SqlitePingyiDbContext(new DbContextOptionsBuilder<SqlitePingyiDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresPingyiDbContext(new DbContextOptionsBuilder<PostgresPingyiDbContext>().UseNpgsql("Host=localhost").Options);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: the model has changes with no migration (dotnet ef migrations add … --context SqlitePingyiDbContext)");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL: the model has changes with no migration (dotnet ef migrations add … --context PostgresPingyiDbContext)");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Healthz_OpenApi_AndReference_AreServed(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var client = app.CreateClient();

        var health = await client.GetStringAsync("/healthz");
        var openapi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var reference = await client.GetAsync("/api");

        Assert.Equal("Healthy", health);
        var paths = openapi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/imports/roster", paths);
        Assert.Contains("/api/v1/organizations/tree", paths);
        Assert.Contains("/api/v1/people", paths);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        // The reference for IT staff shows no third-party buttons and sends no telemetry.
        var html = await reference.Content.ReadAsStringAsync();
        Assert.Contains("\"hideClientButton\":true", html);
        Assert.Contains("\"telemetry\":false", html);
        Assert.Contains("\"showDeveloperTools\":\"never\"", html);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Api_WithoutSignIn_AnswersProblemDetails401(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var client = app.CreateClient();

        var response = await client.GetAsync("/api/v1/organizations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task WrongPassword_IsRefused_AndAudited(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "account.signin-failed")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AuditTrail_IsAHashChain_ThatDetectsAnEditedRow(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var valid = await app.QueryAsync(db => Web.Modules.Audit.AuditChain.VerifyAsync(db));
        var id = await app.QueryAsync(db => db.AuditEntries.OrderBy(a => a.Id).Skip(2).Select(a => a.Id).FirstAsync());

        await app.QueryAsync(db => db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Action, "tampered")));
        var broken = await app.QueryAsync(db => Web.Modules.Audit.AuditChain.VerifyAsync(db));

        Assert.True(valid.Valid);
        Assert.Equal(9, valid.Entries); // the first grading scheme at startup, seven organizations created and the administrator account
        Assert.False(broken.Valid);
        Assert.Equal(id, broken.FirstBrokenId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Pages_RenderInChinese_AndSwitchToEnglish(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var zh = await admin.GetStringAsync("/Organizations");
        var tree = await admin.GetStringAsync("/Organizations?handler=Children&id=" + (await app.QueryAsync(db => db.Organizations.SingleAsync(o => o.Code == "T1"))).Id);
        var en = await admin.GetStringAsync("/Organizations?culture=en");

        Assert.Contains("组织架构", zh);
        Assert.Contains("一号镇党委", zh);
        Assert.Contains("东村党支部", tree);
        Assert.DoesNotContain("南村党支部", tree);
        Assert.Contains("Organization tree", en);
    }

    [Fact]
    public async Task Demo_IsDeterministic_AndFollowsTheSourceFigures()
    {
        await using var first = await TestApp.CreateAsync("Sqlite");
        await using var second = await TestApp.CreateAsync("Sqlite");
        async Task<List<string>> Generate(TestApp app) => await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DemoCounty>().GenerateAsync(new DemoCounty.Options(Seed: 7, TargetMembers: 2000));
            var db = sp.GetRequiredService<PingyiDbContext>();
            return await db.People.OrderBy(p => p.Id).Take(200).Select(p => p.Name + p.OrganizationId + p.JoinedOn).ToListAsync();
        });

        var a = await Generate(first);
        var b = await Generate(second);

        Assert.Equal(a, b);
        var levels = await first.QueryAsync(db => db.Organizations.GroupBy(o => new { o.Level, o.Category }).Select(g => new { g.Key.Level, g.Key.Category, Count = g.Count() }).ToListAsync());
        Assert.Equal(14, levels.Where(l => l.Level == Core.Organizations.OrganizationLevel.TownshipCommittee).Sum(l => l.Count));
        Assert.Equal(216, levels.Single(l => l.Level == Core.Organizations.OrganizationLevel.Branch && l.Category == Core.Organizations.OrganizationCategory.Village).Count);
        Assert.Equal(40, levels.Single(l => l.Category == Core.Organizations.OrganizationCategory.GovernmentUnit).Count);
        Assert.Equal(6, levels.Single(l => l.Level == Core.Organizations.OrganizationLevel.Branch && l.Category == Core.Organizations.OrganizationCategory.IndustryChain).Count);
        var people = await first.QueryAsync(db => db.People.CountAsync());
        Assert.InRange(people, 1900, 2200);

        // Every village branch made a commitment last year (closed out) and one this year; drafts and submitted ones stay off the public board.
        var made = await first.WithScopeAsync(sp => sp.GetRequiredService<DemoCommitments>().GenerateAsync(7));
        Assert.Equal(2 * 216, made);
        var states = await first.QueryAsync(db => db.Commitments.GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(216, states.Where(s => s.Key is Core.Commitments.CommitmentState.Fulfilled or Core.Commitments.CommitmentState.Unfulfilled).Sum(s => s.Count));
        Assert.All(new[] { Core.Commitments.CommitmentState.Published, Core.Commitments.CommitmentState.Submitted, Core.Commitments.CommitmentState.Draft },
            state => Assert.Contains(states, s => s.Key == state && s.Count > 0));
        var board = await first.CreateClient().GetStringAsync($"/Public/Commitments?year={Pingyi.Web.Infrastructure.ChinaTime.Today(TimeProvider.System).Year}");
        var published = states.Single(s => s.Key == Core.Commitments.CommitmentState.Published).Count;
        Assert.Contains($"data-count=\"made\">{published}<", board);
    }
}
