using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download): the binary comes from
/// PINGYI_CHROMIUM or the PATH, launched with the flags this closed network needs.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = FindChromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    /// <summary>
    /// A new browser context signed in as <paramref name="user"/>: desktop (1280 px, downloads), a phone (390 px) or a display of
    /// the given <paramref name="screen"/> size; dialogs accepted.
    /// </summary>
    public async Task<IPage> SignInAsync(TestApp app, string user, bool phone = false, (int Width, int Height)? screen = null)
    {
        var context = await Browser.NewContextAsync(phone
            ? new() { BaseURL = app.ServerAddress, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true }
            : new() { BaseURL = app.ServerAddress, AcceptDownloads = true, ViewportSize = new() { Width = screen?.Width ?? 1280, Height = screen?.Height ?? 900 } });
        var page = await context.NewPageAsync();
        page.Dialog += AcceptDialog;
        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(TestApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.Locator("#mainNav")).ToBeAttachedAsync();
        return page;
    }

    /// <summary>Accepts every confirmation (the handler a signed-in page starts with; remove it to answer differently).</summary>
    public static void AcceptDialog(object? sender, IDialog dialog) => dialog.AcceptAsync();

    /// <summary>A page on a 390 px phone that nobody signed in on: a resident, a rater with a code.</summary>
    public async Task<IPage> AnonymousPhoneAsync(TestApp app)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = app.ServerAddress, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    private static string FindChromium()
    {
        if (Environment.GetEnvironmentVariable("PINGYI_CHROMIUM") is { Length: > 0 } configured)
        {
            return configured;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("Chromium not found: install Debian's chromium package (test.sh does) or set PINGYI_CHROMIUM.");
    }
}
