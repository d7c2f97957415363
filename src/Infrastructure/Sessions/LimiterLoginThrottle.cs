using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Limits;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.Infrastructure.Sessions;

/// <summary>
/// Login attempts per username and minute as a sliding log in the limiter store, so every instance
/// counts together. With the shared store unreachable, each instance counts alone rather than
/// refusing every login.
/// </summary>
public sealed class LimiterLoginThrottle(
    ILimiterStore store,
    InMemoryLimiterStore localFallback,
    IOptions<LockoutOptions> options,
    ILogger<LimiterLoginThrottle> logger) : ILoginThrottle
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async ValueTask<bool> TryAcquireAsync(string normalizedUsername, CancellationToken cancellationToken)
    {
        var key = $"login:{normalizedUsername}";
        var limit = options.Value.AttemptsPerUsernamePerMinute;
        try
        {
            return (await store.TryAppendAsync(key, limit, Window, cancellationToken)).Accepted;
        }
        catch (LimiterStoreUnavailableException)
        {
            logger.LogWarning("The limiter store is unreachable; login attempts are counted per instance");
            return (await localFallback.TryAppendAsync(key, limit, Window, cancellationToken)).Accepted;
        }
    }
}
