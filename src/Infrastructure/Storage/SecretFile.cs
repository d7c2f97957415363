using System.Text;

namespace Orchestrator.Infrastructure.Storage;

/// <summary>
/// Writes secrets to files that only the service's own user can read (mode 0600). Content is written to a
/// temporary file first and then moved into place, so a reader never sees a half-written secret.
/// </summary>
public static class SecretFile
{
    /// <summary>Returns false when the file already exists (another start created it first); never overwrites.</summary>
    public static bool TryCreate(string path, string content)
    {
        var temporary = WriteTemporary(path, content);
        try
        {
            // Without overwrite this is a hard link on Unix: it fails when the target exists, so the first writer wins.
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Replaces the file's content in one atomic rename.</summary>
    public static void Replace(string path, string content)
    {
        var temporary = WriteTemporary(path, content);
        File.Move(temporary, path, overwrite: true);
    }

    private static string WriteTemporary(string path, string content)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
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

        using var stream = new FileStream(temporary, options);
        stream.Write(Encoding.UTF8.GetBytes(content));
        stream.Flush(flushToDisk: true);
        return temporary;
    }
}
