using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// Keeps the exceptions the API logs at Error or above, by the trace id of the request that logged them (the one a
/// 500 problem quotes), so a 5xx is reported with its stack trace and grouped with others thrown from the same place.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, (string Place, string Text)> _byTrace = new(StringComparer.Ordinal);

    /// <summary>Where the logged exception was thrown ("DecoderFallbackException in ...Throw") and the whole entry, for a W3C trace id.</summary>
    public (string Place, string Text)? Find(string traceId) => _byTrace.TryGetValue(traceId, out var entry) ? entry : null;

    public ILogger CreateLogger(string categoryName) => new ErrorLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class ErrorLogger(ServerErrorLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && exception is not null && Activity.Current is { } activity)
            {
                var place = $"{exception.GetType().Name} in {exception.TargetSite?.DeclaringType?.Name}.{exception.TargetSite?.Name}";
                owner._byTrace[activity.TraceId.ToHexString()] = (place, $"{logLevel} {category}: {formatter(state, exception)}\n{exception}");
            }
        }
    }
}
