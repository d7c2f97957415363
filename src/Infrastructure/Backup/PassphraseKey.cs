using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Orchestrator.Infrastructure.Backup;

/// <summary>
/// The key that encrypts a backup's key section, derived from the operator's passphrase with Argon2id (memory-hard, so a
/// stolen backup resists guessing on GPUs). The cost is stored in the header, so it can be raised without breaking old
/// files; a header asking for more than the bounds here is refused rather than run.
/// </summary>
public static class PassphraseKey
{
    public const string Kdf = "argon2id";

    /// <summary>RFC 9106's second recommended setting: 64 MiB, 3 passes, 4 lanes.</summary>
    public const int MemoryKiB = 64 * 1024;

    public const int Iterations = 3;

    public const int Parallelism = 4;

    public const int MinimumPassphraseLength = 12;

    private static readonly byte[] CheckLabel = Encoding.ASCII.GetBytes("orchestrator-backup passphrase check v1");

    public static byte[] Derive(string passphrase, byte[] salt, int memoryKiB, int iterations, int parallelism)
    {
        if (memoryKiB is < 8 * 1024 or > 1024 * 1024 || iterations is < 1 or > 20 || parallelism is < 1 or > 16)
        {
            throw new BackupFileDamagedException("The backup's key-derivation settings are outside the accepted range; the header was altered.");
        }

        using var argon = new Argon2id(Encoding.UTF8.GetBytes(passphrase))
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(32);
    }

    public static byte[] Check(byte[] key) => HMACSHA256.HashData(key, CheckLabel);

    /// <summary>Reads a passphrase file: its text without one trailing line break (what <c>echo</c> or an editor adds).</summary>
    public static string Read(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        if (text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            text = text[..^2];
        }
        else if (text.EndsWith('\n'))
        {
            text = text[..^1];
        }

        return text;
    }
}
