using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.UnitTests.Infrastructure.Limits;

public class ClientRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SwitchableLimiterStore _shared;
    private readonly LimiterStoreStatus _status = new();
    private readonly CountingLogger _logger = new();
    private readonly ClientRateLimiter _limiter;

    public ClientRateLimiterTests()
    {
        _shared = new SwitchableLimiterStore(_clock);
        _limiter = new ClientRateLimiter(
            _shared, new InMemoryLimiterStore(_clock), _status, Options.Create(new RateLimitingOptions { PermitsPerMinute = 3 }), _logger);
    }

    [Fact]
    public async Task Unreachable_store_falls_back_to_a_local_limit_that_still_refuses()
    {
        _shared.Reachable = false;

        var allowed = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            allowed.Add((await _limiter.AcquireAsync("203.0.113.1", CancellationToken.None)).Allowed);
        }

        allowed.ShouldBe([true, true, true, false, false]);
        _status.InFallback.ShouldBeTrue();
        _logger.Warnings.ShouldBe(1);
    }

    [Fact]
    public async Task Returns_to_the_shared_store_as_soon_as_it_answers()
    {
        _shared.Reachable = false;
        await _limiter.AcquireAsync("203.0.113.1", CancellationToken.None);
        _shared.Reachable = true;

        var decision = await _limiter.AcquireAsync("203.0.113.1", CancellationToken.None);

        // The shared store had not seen this client: its full budget minus this request.
        decision.Remaining.ShouldBe(2);
        _status.InFallback.ShouldBeFalse();
        _shared.Calls.ShouldBe(2);
        _logger.Informations.ShouldBe(1);
    }

    private sealed class CountingLogger : ILogger<ClientRateLimiter>
    {
        public int Warnings { get; private set; }

        public int Informations { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Warnings += logLevel == LogLevel.Warning ? 1 : 0;
            Informations += logLevel == LogLevel.Information ? 1 : 0;
        }
    }
}
