using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>
/// The real API (the real Program, DI container and HTTP pipeline) on a real SQLite file in a fresh
/// data directory of its own, deleted afterwards.
/// </summary>
public class OrchestratorApiFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "7qW-integration-Lx92kPzR";

    private readonly Dictionary<string, string?> _settings = [];
    private readonly List<Action<IServiceCollection>> _serviceOverrides = [];
    private string _environment = "Testing";

    public OrchestratorApiFactory()
        : this(Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N")))
    {
    }

    // Private: an xUnit class fixture may have only one public constructor.
    private OrchestratorApiFactory(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        _settings["DataDirectory"] = DataDirectory;
        _settings["Bootstrap:AdminPassword"] = AdminPassword;

        // Test classes log in many times a minute as the same user; throttling tests set their own limit.
        _settings["Lockout:AttemptsPerUsernamePerMinute"] = "100000";

        // Most tests send more than 100 requests a minute from one address; limit tests set their own.
        _settings["RateLimiting:PermitsPerMinute"] = "1000000";

        // The provisioning worker is off unless a test turns it on (WithProvisioning): tests of the
        // API contract assert the states a request leaves behind ("pending" after POST, "deleting"
        // after DELETE), which a running worker would move on at a moment no test can control.
        _settings["Provisioning:Enabled"] = "false";

        // Tests act as the bootstrap admin signed in with a password; AdminMfaTests turn the MFA rule back on.
        _settings["Security:RequireMfaForAdmins"] = "false";
    }

    public string DataDirectory { get; }

    /// <summary>Everything the host logged at Information or above.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>A host on an existing data directory (a restart); it deletes the directory when disposed.</summary>
    public static OrchestratorApiFactory OnDataDirectory(string dataDirectory) => new(dataDirectory);

    /// <summary>False for a host whose data directory another host takes over after it (a restart).</summary>
    public bool DeletesDataDirectory { get; private set; } = true;

    public void DeletesDataDirectoryOnDispose(bool delete) => DeletesDataDirectory = delete;

    public string DatabaseFile => Path.Combine(DataDirectory, "orchestrator.db");

    /// <summary>Runs a test's own SQL on the host's database through its context, as a repair or a set-based update would.</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        await using var scope = Services.CreateAsyncScope();
#pragma warning disable EF1003 // The tests' own statements, with ids the service generated.
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql);
#pragma warning restore EF1003
    }

    /// <summary>Runs the host in another environment than Testing (what the service does only outside Production).</summary>
    public OrchestratorApiFactory InEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    /// <summary>Overrides one configuration key before the host starts.</summary>
    public OrchestratorApiFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces services after the application registered its own (the last registration wins).</summary>
    public OrchestratorApiFactory WithServices(Action<IServiceCollection> configure)
    {
        _serviceOverrides.Add(configure);
        return this;
    }

    /// <summary>Turns the provisioning worker on, polling quickly, on the embedded Sandbox cloud unless a test says otherwise.</summary>
    public OrchestratorApiFactory WithProvisioning()
    {
        _settings["Provisioning:Enabled"] = "true";
        _settings["Provisioning:PollInterval"] = "00:00:00.100";
        _settings["Provisioning:MaxPollInterval"] = "00:00:01";
        _settings["Provisioning:InitialBackoff"] = "00:00:00.100";
        _settings["Cloud:Sandbox:ProvisionDelay"] = "00:00:00.300";
        _settings["Cloud:Sandbox:DeletionDelay"] = "00:00:00.200";
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);

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

        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _serviceOverrides)
            {
                configure(services);
            }
        });
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
        if (!DeletesDataDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
