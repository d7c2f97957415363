namespace Orchestrator.Infrastructure.Secrets;

/// <summary>The names of the service's own secrets (a store may add a prefix).</summary>
public static class SecretNames
{
    public const string JwtSigningKey = "jwt-signing-key";

    public const string DataEncryptionKeys = "data-encryption-keys";
}
