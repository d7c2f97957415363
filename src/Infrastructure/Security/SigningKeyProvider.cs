using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Infrastructure.Storage;

namespace Orchestrator.Infrastructure.Security;

/// <summary>
/// The HS256 key that signs and validates access tokens: 64 random bytes generated once into
/// <c>&lt;data dir&gt;/jwt-signing-key</c> (mode 0600) and reused on every start.
/// </summary>
public sealed class SigningKeyProvider
{
    private const string FileName = "jwt-signing-key";
    private const int KeyBytes = 64;

    private readonly Lazy<SymmetricSecurityKey> _key;

    public SigningKeyProvider(DataDirectory dataDirectory, ILogger<SigningKeyProvider> logger) =>
        _key = new Lazy<SymmetricSecurityKey>(() => LoadOrCreate(dataDirectory, logger));

    public SymmetricSecurityKey Key => _key.Value;

    private static SymmetricSecurityKey LoadOrCreate(DataDirectory dataDirectory, ILogger logger)
    {
        dataDirectory.EnsureExists();
        var path = dataDirectory.Combine(FileName);
        if (SecretFile.TryCreate(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes))))
        {
            logger.LogInformation("Generated a new token signing key at {Path}", path);
        }

        var bytes = Convert.FromBase64String(File.ReadAllText(path, Encoding.UTF8).Trim());
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException($"The signing key in {path} is shorter than 32 bytes.");
        }

        // The key id names the key without revealing it, so that a later rotation can tell keys apart.
        var keyId = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        return new SymmetricSecurityKey(bytes) { KeyId = keyId };
    }
}
