using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orchestrator.Infrastructure.Storage;

namespace Orchestrator.Infrastructure.Backup;

/// <summary>
/// <c>restore --input FILE [--passphrase-file F]</c>, with the service stopped: checks the whole file (checksum, database
/// hash, and with keys the passphrase and the AES-GCM tag) before it changes anything, then, holding the data directory's
/// <see cref="ServiceRunningLock"/>, puts the database back (the one it replaces is kept as <c>*.before-restore</c>) and the
/// key files with it.
/// </summary>
public static class RestoreCommand
{
    public const string ReplacedSuffix = ".before-restore";

    public static async Task<int> RunAsync(
        string input,
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
            await stderr.WriteLineAsync($"restore refused: {problem}");
            return OperatorExitCodes.Usage;
        }

        var source = Path.GetFullPath(input);
        if (!File.Exists(source))
        {
            await stderr.WriteLineAsync($"restore refused: there is no file {source}.");
            return OperatorExitCodes.Usage;
        }

        string? passphrase = null;
        if (passphraseFile is not null)
        {
            (passphrase, problem) = await BackupCommand.ReadPassphraseAsync(passphraseFile, stderr);
            if (passphrase is null)
            {
                await stderr.WriteLineAsync($"restore refused: {problem} Nothing was changed.");
                return OperatorExitCodes.Usage;
            }
        }

        OpenedBackup backup;
        IReadOnlyDictionary<string, string>? keys = null;
        try
        {
            backup = await BackupFile.OpenAsync(source, cancellationToken);
            if (backup.Header.Keys is not null)
            {
                if (passphrase is null)
                {
                    await stderr.WriteLineAsync("restore refused: this backup holds the keys, encrypted; give --passphrase-file with the passphrase the backup was made with. Nothing was changed.");
                    return OperatorExitCodes.Usage;
                }

                keys = BackupFile.DecryptKeys(backup, passphrase);
            }
        }
        catch (BackupFileDamagedException exception)
        {
            await stderr.WriteLineAsync($"restore refused: {exception.Message} Nothing was changed.");
            return OperatorExitCodes.Damaged;
        }
        catch (WrongPassphraseException exception)
        {
            await stderr.WriteLineAsync($"restore refused: {exception.Message} Nothing was changed.");
            return OperatorExitCodes.WrongPassphrase;
        }

        using var exclusive = ServiceRunningLock.TryHoldExclusively(location.DataDirectory);
        if (exclusive is null)
        {
            await stderr.WriteLineAsync(
                $"restore refused: the service is running on {location.DataDirectory.Path} (an instance holds {ServiceRunningLock.PathIn(location.DataDirectory)}). Stop every instance, then run restore again. Nothing was changed.");
            return OperatorExitCodes.ServiceRunning;
        }

        await PutDatabaseBackAsync(backup, location.DatabaseFile, cancellationToken);
        if (keys is not null)
        {
            LocalKeyFiles.Write(location.DataDirectory, keys);
        }

        await stdout.WriteLineAsync($"Restored the database as of {backup.Header.CreatedAt:u} into {location.DatabaseFile} (the previous one, if any, is kept as {location.DatabaseFile}{ReplacedSuffix}).");
        await stdout.WriteLineAsync(KeysSentence(location, keys, passphrase is not null));
        await stdout.WriteLineAsync("Start the service now.");
        return OperatorExitCodes.Done;
    }

    private static async Task PutDatabaseBackAsync(OpenedBackup backup, string databaseFile, CancellationToken cancellationToken)
    {
        var temporary = $"{databaseFile}.{Guid.NewGuid():N}.restore.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyAccess.FileMode;
            }

            await using (var file = new FileStream(temporary, options))
            {
                await BackupFile.CopyDatabaseAsync(backup, file, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            var check = SqliteOnlineCopy.IntegrityCheck(temporary);
            if (!string.Equals(check, "ok", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"the database in the backup fails SQLite's integrity check ({check}); nothing was changed.");
            }

            // A journal left by the old database would be rolled into the new one when it is next opened.
            foreach (var suffix in new[] { "-journal", "-wal", "-shm" })
            {
                File.Delete(databaseFile + suffix);
            }

            if (File.Exists(databaseFile))
            {
                File.Move(databaseFile, databaseFile + ReplacedSuffix, overwrite: true);
            }

            File.Move(temporary, databaseFile);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string KeysSentence(ServiceDataLocation location, IReadOnlyDictionary<string, string>? keys, bool passphraseGiven)
    {
        var secrets = location.DataDirectory.Combine(DataDirectory.SecretsFolderName);
        if (keys is not null)
        {
            return $"Keys: restored, {keys.Count} file(s) into {secrets}.";
        }

        var unused = passphraseGiven ? " (the passphrase was not needed)" : string.Empty;
        if (!location.LocalSecrets)
        {
            return $"Keys: the backup holds none{unused}; the service reads them from the {location.SecretStore} secret store, which must hold the keys the backup was made with.";
        }

        return Directory.Exists(secrets) && Directory.EnumerateFiles(secrets, "*.json").Any()
            ? $"Keys: the backup holds none{unused}; the service will use the files already in {secrets}, which must be the ones the backup was made with."
            : $"Keys: the backup holds none{unused}, and {secrets} is empty. Put the key files kept with the backup there BEFORE starting the service, or it generates new keys and cannot read MFA secrets or other encrypted fields.";
    }
}
