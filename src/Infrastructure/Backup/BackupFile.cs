using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;

namespace Orchestrator.Infrastructure.Backup;

/// <summary>
/// The backup file format, version 1 (docs/operating.md, "Backup and restore"): the magic <c>ORCHBAK\n</c>, the format
/// version (2 bytes, big-endian), the header's length (4 bytes, big-endian) and the header (<see cref="BackupHeader"/>,
/// UTF-8 JSON), the SQLite database, the encrypted key section when there is one, and a SHA-256 of every byte before it.
/// </summary>
public static class BackupFile
{
    public const ushort FormatVersion = 1;

    private const int TrailerLength = 32;
    private const int TagLength = 16;
    private const int MaxHeaderLength = 64 * 1024;
    private const int MaxKeysLength = 16 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static ReadOnlySpan<byte> Magic => "ORCHBAK\n"u8;

    /// <summary>Writes a backup of <paramref name="databaseCopy"/> (a file no one writes to any more) and, when given, the keys encrypted under the passphrase.</summary>
    public static async Task WriteAsync(
        Stream destination,
        string databaseCopy,
        DateTimeOffset createdAt,
        string secretStore,
        IReadOnlyDictionary<string, string>? keys,
        string? passphrase,
        CancellationToken cancellationToken)
    {
        var databaseLength = new FileInfo(databaseCopy).Length;
        string databaseSha256;
        await using (var database = File.OpenRead(databaseCopy))
        {
            databaseSha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(database, cancellationToken));
        }

        byte[]? keysPlaintext = keys is null ? null : JsonSerializer.SerializeToUtf8Bytes(keys, Json);
        byte[]? key = null;
        EncryptedKeysHeader? keysHeader = null;
        if (keysPlaintext is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(passphrase);
            var salt = RandomNumberGenerator.GetBytes(16);
            var nonce = RandomNumberGenerator.GetBytes(12);
            key = PassphraseKey.Derive(passphrase, salt, PassphraseKey.MemoryKiB, PassphraseKey.Iterations, PassphraseKey.Parallelism);
            keysHeader = new EncryptedKeysHeader(
                PassphraseKey.Kdf, PassphraseKey.MemoryKiB, PassphraseKey.Iterations, PassphraseKey.Parallelism,
                Convert.ToBase64String(salt), Convert.ToBase64String(nonce), Convert.ToBase64String(PassphraseKey.Check(key)),
                keysPlaintext.Length + TagLength);
        }

        var prefix = Prefix(new BackupHeader(createdAt, databaseLength, databaseSha256, secretStore, keysHeader));
        using var trailer = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await WriteHashedAsync(destination, trailer, prefix, cancellationToken);
        await using (var database = File.OpenRead(databaseCopy))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await database.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await WriteHashedAsync(destination, trailer, buffer.AsMemory(0, read), cancellationToken);
            }
        }

        if (keysPlaintext is not null && key is not null && keysHeader is not null)
        {
            var sealedKeys = new byte[keysPlaintext.Length + TagLength];
            using (var aes = new AesGcm(key, TagLength))
            {
                aes.Encrypt(Convert.FromBase64String(keysHeader.Nonce), keysPlaintext, sealedKeys.AsSpan(0, keysPlaintext.Length), sealedKeys.AsSpan(keysPlaintext.Length), prefix);
            }

            CryptographicOperations.ZeroMemory(keysPlaintext);
            CryptographicOperations.ZeroMemory(key);
            await WriteHashedAsync(destination, trailer, sealedKeys, cancellationToken);
        }

        await destination.WriteAsync(trailer.GetHashAndReset(), cancellationToken);
    }

    /// <summary>Reads the header and checks the whole file (structure, checksum, the database's hash) before anything is used.</summary>
    public static async Task<OpenedBackup> OpenAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var length = file.Length;
        var fixedPart = new byte[Magic.Length + 2 + 4];
        if (length < fixedPart.Length + TrailerLength || await file.ReadAtLeastAsync(fixedPart, fixedPart.Length, throwOnEndOfStream: false, cancellationToken) < fixedPart.Length
            || !fixedPart.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new BackupFileDamagedException($"{path} is not an Orchestrator backup file (its first bytes are not ORCHBAK).");
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(fixedPart.AsSpan(Magic.Length));
        if (version != FormatVersion)
        {
            throw new BackupFileDamagedException($"{path} is a backup of format version {version}; this version of the service reads version {FormatVersion}.");
        }

        var headerLength = BinaryPrimitives.ReadInt32BigEndian(fixedPart.AsSpan(Magic.Length + 2));
        if (headerLength is <= 0 or > MaxHeaderLength || fixedPart.Length + headerLength + TrailerLength > length)
        {
            throw Damaged(path, "its header length is impossible");
        }

        var prefix = new byte[fixedPart.Length + headerLength];
        fixedPart.CopyTo(prefix, 0);
        await file.ReadExactlyAsync(prefix.AsMemory(fixedPart.Length), cancellationToken);

        // The checksum first: nothing in an altered or truncated file is believed, its header included.
        file.Position = 0;
        using (var trailer = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            await HashRangeAsync(file, length - TrailerLength, trailer, cancellationToken);
            var expected = new byte[TrailerLength];
            await file.ReadExactlyAsync(expected, cancellationToken);
            if (!CryptographicOperations.FixedTimeEquals(trailer.GetHashAndReset(), expected))
            {
                throw Damaged(path, "its SHA-256 checksum does not match its content");
            }
        }

        BackupHeader header;
        try
        {
            header = JsonSerializer.Deserialize<BackupHeader>(prefix.AsSpan(fixedPart.Length), Json) ?? throw Damaged(path, "its header is empty");
        }
        catch (JsonException)
        {
            throw Damaged(path, "its header is not valid JSON");
        }

        var keysLength = header.Keys?.Length ?? 0;
        if (header.DatabaseLength <= 0 || keysLength is < 0 or > MaxKeysLength || prefix.Length + header.DatabaseLength + keysLength + TrailerLength != length)
        {
            throw Damaged(path, "its sections do not add up to its length");
        }

        file.Position = prefix.Length;
        using (var databaseHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            await HashRangeAsync(file, header.DatabaseLength, databaseHash, cancellationToken);
            if (!string.Equals(Convert.ToHexStringLower(databaseHash.GetHashAndReset()), header.DatabaseSha256, StringComparison.Ordinal))
            {
                throw Damaged(path, "its database section does not match the SHA-256 in its header");
            }
        }

        byte[]? keys = null;
        if (header.Keys is not null)
        {
            keys = new byte[keysLength];
            await file.ReadExactlyAsync(keys, cancellationToken);
        }

        return new OpenedBackup(path, header, prefix, prefix.Length, keys);
    }

    /// <summary>Copies the database section into <paramref name="destination"/>, checking its hash again on the way.</summary>
    public static async Task CopyDatabaseAsync(OpenedBackup backup, Stream destination, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(backup.Path);
        file.Position = backup.DatabaseOffset;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        for (var left = backup.Header.DatabaseLength; left > 0;)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0)
            {
                throw Damaged(backup.Path, "it was shortened while it was read");
            }

            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            left -= read;
        }

        if (!string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), backup.Header.DatabaseSha256, StringComparison.Ordinal))
        {
            throw Damaged(backup.Path, "it changed while it was read");
        }
    }

    /// <summary>The key files, decrypted; a wrong passphrase and an altered section are told apart.</summary>
    public static IReadOnlyDictionary<string, string> DecryptKeys(OpenedBackup backup, string passphrase)
    {
        var keysHeader = backup.Header.Keys ?? throw new InvalidOperationException("The backup holds no keys.");
        if (!string.Equals(keysHeader.Kdf, PassphraseKey.Kdf, StringComparison.Ordinal) || backup.Keys is null || backup.Keys.Length < TagLength)
        {
            throw Damaged(backup.Path, "its key section is not in a form this version reads");
        }

        byte[] salt;
        byte[] nonce;
        byte[] check;
        try
        {
            salt = Convert.FromBase64String(keysHeader.Salt);
            nonce = Convert.FromBase64String(keysHeader.Nonce);
            check = Convert.FromBase64String(keysHeader.Check);
        }
        catch (FormatException)
        {
            throw Damaged(backup.Path, "its key section's parameters are not base64");
        }

        var key = PassphraseKey.Derive(passphrase, salt, keysHeader.MemoryKiB, keysHeader.Iterations, keysHeader.Parallelism);
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(PassphraseKey.Check(key), check))
            {
                throw new WrongPassphraseException();
            }

            var ciphertextLength = backup.Keys.Length - TagLength;
            var plaintext = new byte[ciphertextLength];
            try
            {
                using var aes = new AesGcm(key, TagLength);
                aes.Decrypt(nonce, backup.Keys.AsSpan(0, ciphertextLength), backup.Keys.AsSpan(ciphertextLength), plaintext, backup.Prefix);
            }
            catch (CryptographicException)
            {
                throw Damaged(backup.Path, "its key section or header fails authentication (AES-GCM tag)");
            }

            try
            {
                return JsonSerializer.Deserialize<Dictionary<string, string>>(plaintext, Json) ?? [];
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] Prefix(BackupHeader header)
    {
        var headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        var prefix = new byte[Magic.Length + 2 + 4 + headerBytes.Length];
        Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt16BigEndian(prefix.AsSpan(Magic.Length), FormatVersion);
        BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(Magic.Length + 2), headerBytes.Length);
        headerBytes.CopyTo(prefix, Magic.Length + 6);
        return prefix;
    }

    private static async Task WriteHashedAsync(Stream destination, IncrementalHash hash, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        hash.AppendData(bytes.Span);
        await destination.WriteAsync(bytes, cancellationToken);
    }

    private static async Task HashRangeAsync(Stream file, long count, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        for (var left = count; left > 0;)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            hash.AppendData(buffer, 0, read);
            left -= read;
        }
    }

    private static BackupFileDamagedException Damaged(string path, string why) =>
        new($"{path} is damaged or was altered: {why}.");
}
