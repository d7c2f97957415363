using Microsoft.Playwright;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Browser;

/// <summary>
/// Swagger UI in real headless Chromium against the API on a real socket: the password-flow Authorize
/// works against /token, a call made from the page succeeds with the token, and the page's own
/// Content-Security-Policy blocks nothing it needs.
/// </summary>
public sealed class SwaggerUiBrowserTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    public const string ScreenshotPath = "browser/swagger-ui-me.png";

    [Fact]
    public async Task Admin_authorizes_with_the_password_flow_and_calls_me_from_swagger_ui_without_csp_violations()
    {
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using var _playwright = playwright;
        await using var _browser = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1400 } });
        var csp = await CspViolationRecorder.AttachAsync(page);

        var opened = await page.GotoAsync(new Uri(factory.BaseAddress, "/swagger/index.html").ToString());
        opened!.Status.ShouldBe(200);
        await page.Locator(".swagger-ui .info .title").WaitForAsync();

        string status, body;
        try
        {
            await AuthorizeAsync(page, "admin", OrchestratorApiFactory.AdminPassword);
            (status, body) = await ExecuteGetMeAsync(page);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}{Environment.NewLine}Console:{Environment.NewLine}{string.Join(Environment.NewLine, csp.ConsoleMessages)}", timeout);
        }
        finally
        {
            // Kept whatever the outcome: it shows what the page looked like at the end.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = ArtifactPaths.For(ScreenshotPath), FullPage = true });
        }

        status.ShouldBe("200", body);
        body.ShouldContain("\"username\": \"admin\"");
        body.ShouldContain("\"role\": \"admin\"");
        (await csp.ViolationsAsync(page)).ShouldBeEmpty(string.Join(Environment.NewLine, csp.ConsoleMessages));
    }

    [Fact]
    public async Task Swagger_ui_policy_blocks_an_injected_inline_script_and_the_recorder_sees_it()
    {
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using var _playwright = playwright;
        await using var _browser = browser;
        var page = await browser.NewPageAsync();
        var csp = await CspViolationRecorder.AttachAsync(page);
        await page.GotoAsync(new Uri(factory.BaseAddress, "/swagger/index.html").ToString());
        await page.Locator(".swagger-ui .info .title").WaitForAsync();

        // What an injection would try: an inline script. The policy must refuse to run it.
        await page.EvaluateAsync("""
            () => {
                const script = document.createElement('script');
                script.textContent = 'window.__injected = true';
                document.body.appendChild(script);
            }
            """);

        (await page.EvaluateAsync<bool>("() => window.__injected === true")).ShouldBeFalse();
        await page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        (await csp.ViolationsAsync(page)).ShouldContain(v => v.Contains("script-src", StringComparison.Ordinal));
    }

    private static async Task AuthorizeAsync(IPage page, string username, string password)
    {
        await page.Locator(".auth-wrapper button.authorize").ClickAsync();
        var modal = page.Locator(".modal-ux");
        await modal.Locator("#oauth_username").FillAsync(username);
        await modal.Locator("#oauth_password").FillAsync(password);

        // The dialog holds both schemes: each button is told apart by its label.
        await modal.Locator("button[aria-label='Apply given OAuth2 credentials']").ClickAsync();

        // Swagger UI replaces Authorize by Logout once /token has answered with an access token.
        await modal.Locator("button[aria-label='Remove authorization']").WaitForAsync();
        await modal.Locator("button", new LocatorLocatorOptions { HasTextString = "Close" }).First.ClickAsync();
    }

    private static Task<(string Status, string Body)> ExecuteGetMeAsync(IPage page) => ExecuteGetAsync(page, "/api/v1/me");

    /// <summary>Runs "Try it out" on the GET operation of <paramref name="path"/> (no parameters) and reads the answer.</summary>
    internal static async Task<(string Status, string Body)> ExecuteGetAsync(IPage page, string path)
    {
        var operation = page.Locator(".opblock.opblock-get", new PageLocatorOptions
        {
            Has = page.Locator($".opblock-summary-path[data-path='{path}']"),
        });
        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.Locator("button.try-out__btn").ClickAsync();
        await operation.Locator("button.execute").ClickAsync();

        var response = operation.Locator(".live-responses-table .response");
        await response.Locator(".response-col_status").WaitForAsync();
        var status = (await response.Locator(".response-col_status").InnerTextAsync()).Trim();
        var body = await response.Locator(".response-col_description pre").First.InnerTextAsync();
        return (status, body);
    }
}
