namespace Orchestrator.Infrastructure.Backup;

/// <summary>
/// How the key section was encrypted: AES-256-GCM under a key derived from the passphrase with Argon2id. The section is
/// the ciphertext followed by the 16-byte tag; the file's magic, version and header are its associated data.
/// </summary>
/// <param name="Kdf">Always <c>argon2id</c> in format version 1.</param>
/// <param name="MemoryKiB">Argon2 memory cost.</param>
/// <param name="Iterations">Argon2 passes.</param>
/// <param name="Parallelism">Argon2 lanes.</param>
/// <param name="Salt">16 random bytes, base64.</param>
/// <param name="Nonce">12 random bytes, base64.</param>
/// <param name="Check">HMAC-SHA256 of a fixed label under the derived key, base64: tells a wrong passphrase from an altered file.</param>
/// <param name="Length">Bytes of the section, tag included.</param>
public sealed record EncryptedKeysHeader(
    string Kdf,
    int MemoryKiB,
    int Iterations,
    int Parallelism,
    string Salt,
    string Nonce,
    string Check,
    long Length);
