using Microsoft.Extensions.Configuration;
using Orchestrator.Infrastructure.Secrets;
using Orchestrator.Infrastructure.Storage;

namespace Orchestrator.Infrastructure.Backup;

/// <summary>
/// <c>&lt;data dir&gt;/service.lock</c>: every running instance holds a shared lock on it (flock on Unix) for its lifetime;
/// restore takes it exclusively, so it refuses while any instance runs on the data directory, and an instance cannot
/// start in the middle of a restore. The operating system drops the lock when a process dies, even by SIGKILL.
/// </summary>
public sealed class ServiceRunningLock : IDisposable
{
    public const string FileName = "service.lock";

    private readonly FileStream _file;

    private ServiceRunningLock(FileStream file) => _file = file;

    /// <summary>
    /// Taken at start-up by the service; throws when a restore holds the data directory. Null when the service keeps
    /// nothing there (SQL Server and Secrets Manager), so such a deployment needs no writable data directory.
    /// </summary>
    public static ServiceRunningLock? HoldWhileRunning(DataDirectory dataDirectory, IConfiguration configuration)
    {
        var sqlite = string.Equals(configuration["Database:Provider"] ?? "Sqlite", "Sqlite", StringComparison.OrdinalIgnoreCase);
        var secrets = configuration.GetSection(SecretsOptions.SectionName).Get<SecretsOptions>() ?? new SecretsOptions();
        if (!sqlite && secrets.UsesAwsSecretsManager)
        {
            return null;
        }

        var path = Prepare(dataDirectory);
        try
        {
            return new ServiceRunningLock(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        }
        catch (IOException exception)
        {
            throw new InvalidOperationException($"{path} is locked by a restore in progress; start the service when the restore has finished.", exception);
        }
    }

    /// <summary>Taken by restore; null when an instance of the service is running on the data directory.</summary>
    public static ServiceRunningLock? TryHoldExclusively(DataDirectory dataDirectory)
    {
        var path = Prepare(dataDirectory);
        try
        {
            return new ServiceRunningLock(new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static string PathIn(DataDirectory dataDirectory) => dataDirectory.Combine(FileName);

    public void Dispose() => _file.Dispose();

    private static string Prepare(DataDirectory dataDirectory)
    {
        dataDirectory.EnsureExists();
        var path = PathIn(dataDirectory);
        OwnerOnlyAccess.CreateFileIfMissing(path);
        if (OperatingSystem.IsWindows() && !File.Exists(path))
        {
            File.WriteAllBytes(path, []);
        }

        return path;
    }
}
