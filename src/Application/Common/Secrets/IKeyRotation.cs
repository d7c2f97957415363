namespace Orchestrator.Application.Common.Secrets;

/// <summary>Rotates the service's keys in its secret store.</summary>
public interface IKeyRotation
{
    /// <summary>Makes a new token signing key current; the replaced key keeps validating until the next rotation.</summary>
    Task<string> RotateSigningKeyAsync(CancellationToken cancellationToken);

    /// <summary>Adds a new data-encryption key and makes it active; older keys stay to decrypt what they protect.</summary>
    Task<string> RotateDataKeyAsync(CancellationToken cancellationToken);
}
