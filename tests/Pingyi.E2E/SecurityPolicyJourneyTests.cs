using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// The pages under the Content-Security-Policy that allows no inline script: the browser reports no violation and no script
/// error on the pages a clerk uses, and what inline handlers used to do still works — a confirmation that is declined sends
/// nothing and one that is accepted does, a year picker sends its form, a tree toggle opens.
/// </summary>
public sealed class SecurityPolicyJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ThePages_RunUnderThePolicy_AndTheirDeclaredBehaviourWorks()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var page = await browser.SignInAsync(app, "admin");
        var problems = new ConcurrentQueue<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Type == "error" && !m.Text.Contains("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Enqueue($"{page.Url}: {m.Text}");
            }
        };
        page.PageError += (_, e) => problems.Enqueue($"{page.Url}: {e}");

        foreach (var path in new[] { "/", "/Organizations", $"/Organizations/Details/{tree.V11}", "/People", "/Ledger", "/Ledger/Dashboard", "/Meetings",
                     "/Supervision", "/Commitments", "/Grading", "/Statistics", "/Statistics/Screen", "/Petitions", "/Requests", "/Audit", "/Accounts", "/Public/Statistics" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // A tree toggle (was onclick): loads the children and shows it is open.
        await page.GotoAsync("/Organizations");
        var toggle = page.Locator("button.py-toggle[aria-expanded=false]").First;
        await toggle.ClickAsync();
        await Assertions.Expect(page.Locator("button.py-toggle[aria-expanded=true]").First).ToHaveTextAsync("−");

        // A year picker (was onchange): choosing a year sends the form.
        await page.GotoAsync("/Statistics");
        var year = await page.Locator("select[name=year] option").Nth(1).GetAttributeAsync("value");
        await page.Locator("select[name=year]").SelectOptionAsync(year!);
        await page.WaitForURLAsync($"**year={year}**");

        // A confirmation (was onsubmit): declined, the account stays open; accepted, it is locked.
        await page.GotoAsync("/Accounts");
        var posts = 0;
        page.Request += (_, r) => { if (r.Method == "POST") { Interlocked.Increment(ref posts); } };
        var lockForm = page.Locator("tr", new() { HasText = "t2admin" }).Locator("form[data-confirm]");
        page.Dialog -= BrowserFixture.AcceptDialog;
        page.Dialog += Dismiss;
        await lockForm.GetByRole(AriaRole.Button, new() { Name = "锁定" }).ClickAsync();
        var postsAfterDecline = posts; // a click's submission has started by the time ClickAsync returns
        var lockedAfterDecline = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "t2admin").Select(u => u.LockoutEnd).SingleAsync());
        page.Dialog -= Dismiss;
        page.Dialog += BrowserFixture.AcceptDialog;
        await lockForm.GetByRole(AriaRole.Button, new() { Name = "锁定" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = "t2admin" }).GetByRole(AriaRole.Button, new() { Name = "解锁" })).ToBeVisibleAsync();

        Assert.Equal(0, postsAfterDecline);
        Assert.Null(lockedAfterDecline);
        Assert.NotNull(await app.QueryAsync(db => db.Users.Where(u => u.UserName == "t2admin").Select(u => u.LockoutEnd).SingleAsync()));
        Assert.True(problems.IsEmpty, string.Join("\n", problems));
    }

    private static void Dismiss(object? sender, IDialog dialog) => dialog.DismissAsync();
}
