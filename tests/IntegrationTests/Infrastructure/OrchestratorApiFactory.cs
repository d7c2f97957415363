using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

        // Test classes log in many times a minute as the same user; throttling tests set their own limit.
        _settings["Lockout:AttemptsPerUsernamePerMinute"] = "100000";

        // Most tests send more than 100 requests a minute from one address; limit tests set their own.
        _settings["RateLimiting:PermitsPerMinute"] = "1000000";
    }

    public string DataDirectory { get; }

    /// <summary>Everything the host logged at Information or above.</summary>
    public CapturedLogs Logs { get; } = new();

    public string DatabaseFile => Path.Combine(DataDirectory, "orchestrator.db");

    /// <summary>Overrides one configuration key before the host starts.</summary>
    public OrchestratorApiFactory With(string key, string? value)
    {
        _settings[key] = value;
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

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestPeerAddress>());
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>A client that speaks from the given peer address (see <see cref="TestPeerAddress"/>).</summary>
    public HttpClient CreateClientFrom(string peerAddress)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove(TestPeerAddress.Header);
        client.DefaultRequestHeaders.Add(TestPeerAddress.Header, peerAddress);
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(TestPeerAddress.Header, TestPeerAddress.Next());
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
