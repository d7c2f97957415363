namespace Orchestrator.Application.Common.Secrets;

/// <summary>
/// The secret store could not answer (unreachable, throttled, access denied, or its answer unusable). The message
/// is for the log; clients are told only that the store is unavailable.
/// </summary>
public sealed class SecretStoreUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
