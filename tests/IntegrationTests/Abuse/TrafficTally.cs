using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>
/// Counts the requests a reliability test sent, the statuses it saw and the answers it refused, and writes
/// one summary line per group ("[reliability] group: requests sent N, statuses {...}, failures: 0") to the test output.
/// </summary>
public sealed class TrafficTally(string group)
{
    /// <summary>Every summary line starts with this, so the test script can pick the lines out of the results.</summary>
    public const string Marker = "[reliability]";

    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private int _sent;

    public int Sent => _sent;

    public IReadOnlyCollection<string> Failures => _failures;

    public int Count(HttpStatusCode status) => _statuses.GetValueOrDefault((int)status);

    public void Record(HttpStatusCode status)
    {
        Interlocked.Increment(ref _sent);
        _statuses.AddOrUpdate((int)status, 1, (_, n) => n + 1);
    }

    /// <summary>Records an answer that breaks the contract; the test fails on any.</summary>
    public void Fail(string description) => _failures.Enqueue(description);

    public string Summary(string? extra = null)
    {
        var statuses = string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}: {s.Value}")));
        var tail = extra is null ? string.Empty : $", {extra}";
        return string.Create(CultureInfo.InvariantCulture, $"{Marker} {group}: requests sent {_sent}, statuses {{{statuses}}}, failures: {_failures.Count}{tail}");
    }

    /// <summary>Writes the summary line (and the first failures, if any) and fails the test on any failure.</summary>
    public void Report(ITestOutputHelper output, string? extra = null)
    {
        output.WriteLine(Summary(extra));
        foreach (var failure in _failures.Take(20))
        {
            output.WriteLine($"  failure: {failure}");
        }

        _failures.ShouldBeEmpty(Summary(extra));
    }
}
