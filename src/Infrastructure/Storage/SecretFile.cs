using System.Text;

namespace Orchestrator.Infrastructure.Storage;

/// <summary>Writes a secret to a file that only the service's own user can read (mode 0600), created exclusively.</summary>
public static class SecretFile
{
    /// <summary>Returns false when the file already exists (another start created it first); never overwrites.</summary>
    public static bool TryCreate(string path, string content)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.UTF8.GetBytes(content));
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }
}
