using Orchestrator.Infrastructure.Storage;

namespace Orchestrator.Infrastructure.Backup;

/// <summary>
/// The key material of the Local secret store: every file in <c>&lt;data dir&gt;/secrets</c> (the token signing keys, the
/// data-encryption key ring), by file name.
/// </summary>
public static class LocalKeyFiles
{
    public static IReadOnlyDictionary<string, string> Read(DataDirectory dataDirectory)
    {
        var folder = dataDirectory.Combine(DataDirectory.SecretsFolderName);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
            {
                files[Path.GetFileName(file)] = File.ReadAllText(file);
            }
        }

        return files;
    }

    /// <summary>Puts the files back, each replaced in one rename and owner-only; a name with a path in it is refused.</summary>
    public static void Write(DataDirectory dataDirectory, IReadOnlyDictionary<string, string> files)
    {
        var folder = dataDirectory.Combine(DataDirectory.SecretsFolderName);
        dataDirectory.EnsureExists();
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnlyAccess.FolderMode);
        }

        foreach (var (name, content) in files)
        {
            if (!string.Equals(Path.GetFileName(name), name, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                throw new BackupFileDamagedException($"The backup names a key file '{name}' outside the secrets folder.");
            }

            SecretFile.Replace(Path.Combine(folder, name), content);
        }
    }
}
