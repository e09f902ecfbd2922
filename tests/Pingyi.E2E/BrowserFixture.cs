using Microsoft.Playwright;

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
