using Microsoft.Playwright;

namespace Orchestrator.IntegrationTests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright: never a downloaded browser. A missing Chromium fails the
/// test (the test script installs it), it is not a reason to skip.
/// </summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", // the tests run as root, where Chromium's sandbox cannot start
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        File.Exists(ExecutablePath).ShouldBeTrue($"{ExecutablePath} is missing: install Debian's chromium (apt-get install -y chromium), as ./test.sh does");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
