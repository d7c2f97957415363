using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Domain.Users;

/// <summary>
/// One single-use MFA recovery code of a user. Only a SHA-256 hash of the user id and the code is stored: the codes are
/// 80 random bits, so a fast hash cannot be inverted by guessing (docs/decisions/0021-atomic-account-security-state.md).
/// Using a code deletes its row, in the same transaction as what it opens, so it works once even in parallel.
/// </summary>
public sealed class RecoveryCode
{
    /// <summary>How many codes confirming MFA hands out.</summary>
    public const int CountPerEnrolment = 10;

    /// <summary>Crockford's base32 alphabet: no I, L, O or U to misread.</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private const int Characters = 16;

    private RecoveryCode()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string CodeHash { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A new code (shown once, as <c>XXXX-XXXX-XXXX-XXXX</c>) and the row that stores its hash.</summary>
    public static (string Code, RecoveryCode Row) Issue(Guid userId, DateTimeOffset now)
    {
        var characters = new char[Characters];
        for (var i = 0; i < Characters; i++)
        {
            characters[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var plain = new string(characters);
        var code = string.Join('-', plain.Chunk(4).Select(chunk => new string(chunk)));
        return (code, new RecoveryCode { Id = Guid.CreateVersion7(now), UserId = userId, CodeHash = Hash(userId, plain), CreatedAt = now });
    }

    /// <summary>The hash a presented code is looked up by, or null when it cannot be a recovery code.</summary>
    public static string? HashOf(Guid userId, string? presented)
    {
        if (presented is null || presented.Length > Characters + 8)
        {
            return null;
        }

        var plain = new string([.. presented.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
        return plain.Length == Characters && plain.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? Hash(userId, plain) : null;
    }

    /// <summary>True for text shaped like a recovery code (the validators accept it where a one-time code goes).</summary>
    public static bool LooksLikeCode(string? presented) => HashOf(Guid.Empty, presented) is not null;

    private static string Hash(Guid userId, string plain) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId:N}:{plain}")));
}
