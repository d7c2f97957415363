namespace Orchestrator.Infrastructure.Secrets;

/// <summary>Settings of the Secrets Manager adapter (<c>Secrets:AwsSecretsManager</c>).</summary>
public sealed class AwsSecretsManagerOptions
{
    /// <summary>Prepended to every secret name the service reads or creates.</summary>
    public string Prefix { get; set; } = "orchestrator/";

    /// <summary>
    /// A customer-managed KMS key (id, alias or ARN) that encrypts the secrets the service creates; unset: the account's
    /// <c>aws/secretsmanager</c> key. The service's role then needs <c>kms:GenerateDataKey</c> and <c>kms:Decrypt</c> on it.
    /// </summary>
    public string? KmsKeyId { get; set; }

    /// <summary>Signing region; when unset, <c>Cloud:Aws:Region</c>, then <c>AWS_REGION</c>, then us-east-1.</summary>
    public string? Region { get; set; }

    /// <summary>Retries after a throttling answer, a 5xx or a network failure.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First back-off delay; later ones grow exponentially, with jitter.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 200;
}
