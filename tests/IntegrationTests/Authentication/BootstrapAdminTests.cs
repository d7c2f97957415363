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

public sealed class ShortBootstrapPasswordApiFactory : OrchestratorApiFactory
{
    public const string ShortPassword = "admin-pass-1";

    public ShortBootstrapPasswordApiFactory() => With("Bootstrap:AdminPassword", ShortPassword);
}

/// <summary>A configured bootstrap password below the policy's minimum is the operator's explicit choice: it works, with a warning.</summary>
public sealed class ShortBootstrapPasswordTests(ShortBootstrapPasswordApiFactory factory) : IClassFixture<ShortBootstrapPasswordApiFactory>
{
    [Fact]
    public async Task A_short_configured_bootstrap_password_logs_in_and_is_warned_about()
    {
        var token = await factory.GetAccessTokenAsync("admin", ShortBootstrapPasswordApiFactory.ShortPassword);
        token.ShouldNotBeNullOrEmpty();
        factory.Logs.Entries.ShouldContain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("Bootstrap:AdminPassword"));
        factory.Logs.Entries.ShouldNotContain(e => e.Message.Contains(ShortBootstrapPasswordApiFactory.ShortPassword));
    }
}
