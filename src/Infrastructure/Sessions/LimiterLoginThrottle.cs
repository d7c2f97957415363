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
/// <remarks>
/// One per request (scoped): a request that runs again after losing an optimistic-concurrency race
/// (<c>OptimisticConcurrencyBehavior</c>) gets back the attempt it already counted for that username, so one HTTP
/// attempt counts once (docs/decisions/0020-bounded-limiter-memory.md).
/// </remarks>
public sealed class LimiterLoginThrottle(
    ILimiterStore store,
    InMemoryLimiterStore localFallback,
    IOptions<LockoutOptions> options,
    ILogger<LimiterLoginThrottle> logger) : ILoginThrottle
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private LoginAttempt? _counted;

    public async ValueTask<LoginAttempt?> TryBeginAsync(string normalizedUsername, CancellationToken cancellationToken)
    {
        var key = $"login:{normalizedUsername}";
        if (_counted is { } counted && counted.Key == key)
        {
            return counted;
        }

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

        _counted = decision.Entry is { } entry ? new LoginAttempt(key, entry) : null;
        return _counted;
    }

    public async ValueTask ForgiveAsync(LoginAttempt attempt, CancellationToken cancellationToken)
    {
        // Forgiven, it no longer stands for this request: should the request run again and fail, that counts anew.
        if (_counted == attempt)
        {
            _counted = null;
        }

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
