namespace Orchestrator.Infrastructure.Secrets;

/// <summary>Where the service's secrets live (configuration section <c>Secrets</c>).</summary>
public sealed class SecretsOptions
{
    public const string SectionName = "Secrets";

    public const string LocalProvider = "Local";

    public const string AwsSecretsManagerProvider = "AwsSecretsManager";

    /// <summary><c>Local</c> (files in the data directory) or <c>AwsSecretsManager</c>.</summary>
    public string Provider { get; set; } = LocalProvider;

    /// <summary>How long a value read from a remote store is reused before it is read again.</summary>
    public int CacheTtlSeconds { get; set; } = 300;

    public AwsSecretsManagerOptions AwsSecretsManager { get; set; } = new();

    public bool UsesAwsSecretsManager =>
        string.Equals(Provider, AwsSecretsManagerProvider, StringComparison.OrdinalIgnoreCase);

    public bool IsKnownProvider =>
        UsesAwsSecretsManager || string.Equals(Provider, LocalProvider, StringComparison.OrdinalIgnoreCase);
}
