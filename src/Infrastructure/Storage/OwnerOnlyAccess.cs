namespace Orchestrator.Infrastructure.Storage;

/// <summary>
/// Unix modes that let only the service's own user in: 0700 for folders, 0600 for files. Applied on every
/// start, so files left looser by an earlier version, a restore or a copy are tightened too. Windows has no
/// such modes; there it does nothing.
/// </summary>
public static class OwnerOnlyAccess
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void RestrictFolder(string path)
    {
        if (!OperatingSystem.IsWindows() && Directory.Exists(path))
        {
            File.SetUnixFileMode(path, FolderMode);
        }
    }

    public static void RestrictFile(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>Creates an empty file readable by the owner only, unless it exists; SQLite takes an empty file as a new database.</summary>
    public static void CreateFileIfMissing(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        try
        {
            using var _ = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance sharing the data directory created it first.
        }
    }
}
