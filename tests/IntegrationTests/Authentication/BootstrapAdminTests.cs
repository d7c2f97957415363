using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Authentication;

public sealed class GeneratedPasswordApiFactory : OrchestratorApiFactory
{
    public GeneratedPasswordApiFactory() => With("Bootstrap:AdminPassword", null);
}

/// <summary>First start without Bootstrap:AdminPassword: a generated password in a 0600 file.</summary>
public sealed class BootstrapAdminTests(GeneratedPasswordApiFactory factory) : IClassFixture<GeneratedPasswordApiFactory>
{
    [Fact]
    public async Task Generated_admin_password_is_written_once_to_an_owner_only_file_and_works()
    {
        using var _ = factory.CreateClient();
        var path = Path.Combine(factory.DataDirectory, "initial-admin-password");
        File.Exists(path).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var password = (await File.ReadAllTextAsync(path)).Trim();
        password.Length.ShouldBeGreaterThanOrEqualTo(15);
        var token = await factory.GetAccessTokenAsync("admin", password);
        using var client = factory.CreateBearerClient(token);
        using var me = await client.GetAsync("/api/v1/me");
        me.StatusCode.ShouldBe(HttpStatusCode.OK);

        // The local secret store generates its keys alongside, owner-only too.
        foreach (var name in new[] { "jwt-signing-key", "data-encryption-keys" })
        {
            var keyFile = Path.Combine(factory.DataDirectory, "secrets", name + ".json");
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }
}

/// <summary>
/// A configured bootstrap password meets the same policy as any other: a weak one stops the start, and the
/// log says why without quoting it.
/// </summary>
public sealed class WeakBootstrapPasswordTests
{
    [Theory]
    [InlineData("admin-pass-1", "15 to 128 characters")]
    [InlineData("123456789012345", "sequences")]
    [InlineData("qwertyuiopasdfgh", "too easy to guess")]
    [InlineData("correcthorsebatterystaple", "common words")]
    public void A_weak_configured_bootstrap_password_stops_the_start_with_a_log_line_saying_why(string password, string why)
    {
        using var factory = new OrchestratorApiFactory().With("Bootstrap:AdminPassword", password);

        Should.Throw<Exception>(() => factory.CreateClient().Dispose());

        factory.Logs.Entries.ShouldContain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical
            && e.Message.Contains("Bootstrap:AdminPassword is refused") && e.Message.Contains(why));
        factory.Logs.Entries.ShouldNotContain(e => e.Message.Contains(password));
    }
}
