using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orchestrator.Infrastructure.Storage;

namespace Orchestrator.Infrastructure.Backup;

/// <summary>
/// <c>backup --output FILE [--passphrase-file F]</c>: copies the live database (<see cref="SqliteOnlineCopy"/>) and, with the
/// Local secret store and a passphrase, the key files encrypted under it, into one <see cref="BackupFile"/> written to a
/// temporary file (mode 0600) and renamed into place. It says which keys it included, or that it included none.
/// </summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(
        string output,
        string? passphraseFile,
        IConfiguration configuration,
        IHostEnvironment environment,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var (location, problem) = ServiceDataLocation.Resolve(configuration, environment);
        if (location is null)
        {
            await stderr.WriteLineAsync($"backup refused: {problem}");
            return OperatorExitCodes.Usage;
        }

        if (!File.Exists(location.DatabaseFile))
        {
            await stderr.WriteLineAsync($"backup refused: there is no database at {location.DatabaseFile}. Check DataDirectory and ConnectionStrings:Orchestrator (run the command with the service's configuration).");
            return OperatorExitCodes.Usage;
        }

        string? passphrase = null;
        if (passphraseFile is not null)
        {
            (passphrase, problem) = await ReadPassphraseAsync(passphraseFile, stderr);
            if (passphrase is null)
            {
                await stderr.WriteLineAsync($"backup refused: {problem}");
                return OperatorExitCodes.Usage;
            }
        }

        var target = Path.GetFullPath(output);
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            await stderr.WriteLineAsync($"backup refused: the folder {folder} does not exist.");
            return OperatorExitCodes.Usage;
        }

        var databaseCopy = $"{target}.{Guid.NewGuid():N}.db.tmp";
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            var createdAt = DateTimeOffset.UtcNow;
            SqliteOnlineCopy.Copy(location.DatabaseFile, databaseCopy);
            var keys = location.LocalSecrets && passphrase is not null ? LocalKeyFiles.Read(location.DataDirectory) : null;
            await using (var file = new FileStream(temporary, OwnerOnlyCreate()))
            {
                await BackupFile.WriteAsync(file, databaseCopy, createdAt, location.SecretStore, keys, passphrase, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
            await stdout.WriteLineAsync($"Backup written to {target} ({new FileInfo(target).Length} bytes, mode 0600): the database {location.DatabaseFile} as of {createdAt:u}.");
            await stdout.WriteLineAsync(KeysSentence(location, keys, passphrase is not null));
            return OperatorExitCodes.Done;
        }
        finally
        {
            File.Delete(databaseCopy);
            File.Delete(temporary);
        }
    }

    /// <summary>The passphrase, or why it cannot be used; a file others may read is used with a warning.</summary>
    internal static async Task<(string? Passphrase, string? Problem)> ReadPassphraseAsync(string passphraseFile, TextWriter stderr)
    {
        var path = Path.GetFullPath(passphraseFile);
        if (!File.Exists(path))
        {
            return (null, $"the passphrase file {path} does not exist.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            await stderr.WriteLineAsync($"warning: the passphrase file {path} can be read by other users; chmod 600 it.");
        }

        var passphrase = PassphraseKey.Read(path);
        return passphrase.Length < PassphraseKey.MinimumPassphraseLength
            ? (null, $"the passphrase in {path} is shorter than {PassphraseKey.MinimumPassphraseLength} characters.")
            : (passphrase, null);
    }

    private static string KeysSentence(ServiceDataLocation location, IReadOnlyDictionary<string, string>? keys, bool passphraseGiven)
    {
        var secrets = location.DataDirectory.Combine(DataDirectory.SecretsFolderName);
        if (!location.LocalSecrets)
        {
            return $"Keys: NOT included; they are in the {location.SecretStore} secret store, which must be kept (and restored) on its own{(passphraseGiven ? "; the passphrase was not used" : string.Empty)}.";
        }

        return keys is null
            ? $"Keys: NOT included (no --passphrase-file). Without the files in {secrets}, a restored service cannot read MFA secrets or other encrypted fields; back that folder up separately, or run backup again with --passphrase-file."
            : $"Keys: included, {keys.Count} file(s) from {secrets}, encrypted with AES-256-GCM under a key derived from the passphrase (Argon2id). Keep the passphrase apart from the backup: restore needs it.";
    }

    private static FileStreamOptions OwnerOnlyCreate()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyAccess.FileMode;
        }

        return options;
    }
}
