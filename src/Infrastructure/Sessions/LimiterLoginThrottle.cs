using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Limits;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.Infrastructure.Sessions;

/// <summary>
/// Failed login attempts per username and minute as a sliding log in the limiter store, so every
/// instance counts together. With the shared store unreachable, each instance counts alone rather
/// than refusing every login.
/// </summary>
public sealed class LimiterLoginThrottle(
    ILimiterStore store,
    InMemoryLimiterStore localFallback,
    IOptions<LockoutOptions> options,
    ILogger<LimiterLoginThrottle> logger) : ILoginThrottle
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async ValueTask<LoginAttempt?> TryBeginAsync(string normalizedUsername, CancellationToken cancellationToken)
    {
        var key = $"login:{normalizedUsername}";
        var limit = options.Value.AttemptsPerUsernamePerMinute;
        SlidingLogDecision decision;
        try
        {
            decision = await store.TryAppendAsync(key, limit, Window, cancellationToken);
        }
        catch (LimiterStoreUnavailableException)
        {
            logger.LogWarning("The limiter store is unreachable; login attempts are counted per instance");
            decision = await localFallback.TryAppendAsync(key, limit, Window, cancellationToken);
        }

        return decision.Entry is { } entry ? new LoginAttempt(key, entry) : null;
    }

    public async ValueTask ForgiveAsync(LoginAttempt attempt, CancellationToken cancellationToken)
    {
        try
        {
            await store.RemoveAsync(attempt.Key, attempt.Entry, cancellationToken);
        }
        catch (LimiterStoreUnavailableException)
        {
            await localFallback.RemoveAsync(attempt.Key, attempt.Entry, cancellationToken);
        }
    }
}
