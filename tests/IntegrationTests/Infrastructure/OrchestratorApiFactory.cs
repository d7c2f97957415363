using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>
/// The real API (the real Program, DI container and HTTP pipeline) on a real SQLite file in a fresh
/// data directory of its own, deleted afterwards.
/// </summary>
public class OrchestratorApiFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "integration-admin-passphrase-1";

    private readonly Dictionary<string, string?> _settings = [];

    public OrchestratorApiFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
        _settings["DataDirectory"] = DataDirectory;
        _settings["Bootstrap:AdminPassword"] = AdminPassword;

        // The provisioning worker is off unless a test turns it on (WithProvisioning): tests of the
        // API contract assert the states a request leaves behind ("pending" after POST, "deleting"
        // after DELETE), which a running worker would move on at a moment no test can control.
        _settings["Provisioning:Enabled"] = "false";
    }

    public string DataDirectory { get; }

    public string DatabaseFile => Path.Combine(DataDirectory, "orchestrator.db");

    /// <summary>Overrides one configuration key before the host starts.</summary>
    public OrchestratorApiFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Turns the provisioning worker on, polling quickly, on the embedded Sandbox cloud unless a test says otherwise.</summary>
    public OrchestratorApiFactory WithProvisioning()
    {
        _settings["Provisioning:Enabled"] = "true";
        _settings["Provisioning:PollInterval"] = "00:00:00.100";
        _settings["Provisioning:InitialBackoff"] = "00:00:00.100";
        _settings["Cloud:Sandbox:ProvisionDelay"] = "00:00:00.300";
        _settings["Cloud:Sandbox:DeletionDelay"] = "00:00:00.200";
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        // Fail on any registration the container cannot build, as Development does, in every test host.
        builder.UseDefaultServiceProvider(options =>
        {
            options.ValidateOnBuild = true;
            options.ValidateScopes = true;
        });
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
