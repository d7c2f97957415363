using Microsoft.Playwright;
using Orchestrator.IntegrationTests.Authorization;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Browser;

/// <summary>
/// An admin with MFA in Swagger UI, with <c>Security:RequireMfaForAdmins</c> on: the password flow cannot send
/// <c>otp</c>, so the admin pastes the access token of a <c>POST /token</c> sent with one under <c>bearer</c>, and
/// admin operations then answer from the page.
/// </summary>
public sealed class SwaggerUiBearerTokenTests : IDisposable
{
    public const string ScreenshotPath = "browser/swagger-ui-bearer-users.png";

    private readonly KestrelApiFactory _factory = new();

    public SwaggerUiBearerTokenTests() => _factory.With("Security:RequireMfaForAdmins", "true");

    [Fact]
    public async Task Admin_with_mfa_pastes_a_token_and_lists_users_from_swagger_ui()
    {
        // The real server first, so that the clients below speak to it.
        var address = _factory.BaseAddress;
        var password = await _factory.LoginAsync("admin", OrchestratorApiFactory.AdminPassword);
        using (var beforeMfa = _factory.CreateBearerClient(password.Access()))
        {
            var totp = await TotpEnrolmentSteps.EnrolAsync(beforeMfa, OrchestratorApiFactory.AdminPassword);
            password = await _factory.LoginAsync("admin", OrchestratorApiFactory.AdminPassword, totp.CurrentCode);
        }

        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using var _playwright = playwright;
        await using var _browser = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1400 } });
        await page.GotoAsync(new Uri(address, "/swagger/index.html").ToString());
        await page.Locator(".swagger-ui .info .title").WaitForAsync();

        string status, body;
        try
        {
            await page.Locator(".auth-wrapper button.authorize").ClickAsync();
            var modal = page.Locator(".modal-ux");
            await modal.Locator("#auth-bearer-value").FillAsync(password.Access());
            await modal.Locator("button[aria-label='Apply credentials']").ClickAsync();
            await modal.Locator("button[aria-label='Remove authorization']").WaitForAsync();
            await modal.Locator("button", new LocatorLocatorOptions { HasTextString = "Close" }).First.ClickAsync();
            (status, body) = await SwaggerUiBrowserTests.ExecuteGetAsync(page, "/api/v1/users");
        }
        finally
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = ArtifactPaths.For(ScreenshotPath), FullPage = true });
        }

        status.ShouldBe("200", body);
        body.ShouldContain("\"username\": \"admin\"");
    }

    public void Dispose() => _factory.Dispose();
}
