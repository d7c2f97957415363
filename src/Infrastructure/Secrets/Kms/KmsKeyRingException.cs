namespace Orchestrator.Infrastructure.Secrets.Kms;

/// <summary>The KMS key named by <c>Encryption:KmsKeyId</c> cannot wrap or unwrap the data key ring; the service does not start.</summary>
public sealed class KmsKeyRingException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
