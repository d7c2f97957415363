using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Infrastructure.Secrets;

namespace Orchestrator.Infrastructure.Security;

/// <summary>The token signing keys from the secret store, kept fresh in memory for signing and validation.</summary>
public sealed class SigningKeyProvider
{
    public SigningKeyProvider(ISecretStore store, TimeProvider clock, ILogger<SigningKeyProvider> logger) =>
        Secret = new RefreshingSecret<SigningKeySet>(
            store, SecretNames.JwtSigningKey, SigningKeySet.GenerateSecretValue, SigningKeySet.FromSecret, clock, logger);

    public RefreshingSecret<SigningKeySet> Secret { get; }

    /// <summary>The key that signs new tokens.</summary>
    public SymmetricSecurityKey SigningKey => Secret.Value.Current;

    /// <summary>For <c>IssuerSigningKeyResolver</c>: the one key a token's <c>kid</c> names; none for a token without one.</summary>
    public IEnumerable<SecurityKey> ResolveValidationKeys(string? keyId)
    {
        if (string.IsNullOrEmpty(keyId))
        {
            return [];
        }

        var key = Secret.Value.Find(keyId) ?? Secret.RefreshForUnknownKey().Find(keyId);
        return key is null ? [] : [key];
    }
}
