using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.Infrastructure.Storage;

/// <summary>
/// The folder for the SQLite file, local keys and the initial admin password (<c>DataDirectory</c>,
/// default <c>data</c>); a relative path is taken from the content root.
/// </summary>
public sealed class DataDirectory
{
    private readonly string _contentRoot;

    public DataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        _contentRoot = environment.ContentRootPath;
        var configured = configuration["DataDirectory"];
        Path = ResolvePath(string.IsNullOrWhiteSpace(configured) ? "data" : configured);
    }

    public string Path { get; }

    /// <summary>Resolves a configured path the way <c>DataDirectory</c> itself is resolved: relative to the content root.</summary>
    public string ResolvePath(string path) => System.IO.Path.GetFullPath(path, _contentRoot);

    public string Combine(string fileName) => System.IO.Path.Combine(Path, fileName);

    public const string SecretsFolderName = "secrets";

    /// <summary>
    /// On every start: the folder 0700, the secrets folder and its files owner-only, and so the other files
    /// the service keeps (Unix; nothing on Windows).
    /// </summary>
    public void Protect(IEnumerable<string> ownerOnlyFiles)
    {
        EnsureExists();
        OwnerOnlyAccess.RestrictFolder(Path);
        var secrets = Combine(SecretsFolderName);
        OwnerOnlyAccess.RestrictFolder(secrets);
        if (Directory.Exists(secrets))
        {
            foreach (var file in Directory.EnumerateFiles(secrets))
            {
                OwnerOnlyAccess.RestrictFile(file);
            }
        }

        foreach (var file in ownerOnlyFiles)
        {
            OwnerOnlyAccess.RestrictFile(file);
        }
    }

    public void EnsureExists()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
