namespace Orchestrator.Application.Common.Sessions;

/// <summary>Limits login attempts per username (known or not), before any password is checked.</summary>
public interface ILoginThrottle
{
    ValueTask<bool> TryAcquireAsync(string normalizedUsername, CancellationToken cancellationToken);
}
