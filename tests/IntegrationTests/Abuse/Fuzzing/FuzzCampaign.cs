using System.Diagnostics;
using CsCheck;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// Runs generated requests against the API for a time budget, from one seed, with several requests in flight.
/// Shrinking is CsCheck's: keep the failing input of smallest size and look for smaller ones among new random
/// inputs. It is applied to each kind of breach separately, so that several defects are each reported as a small
/// request rather than only the smallest of them; for the last third of the budget only inputs smaller than some
/// kept breach are sent. Inputs come from one generator in sequence, so a seed replays the run from that input on.
/// </summary>
public sealed class FuzzCampaign(Gen<FuzzRequest> requests, Func<FuzzRequest, Task<FuzzAnswer>> send)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, int> _statuses = [];
    private readonly HashSet<string> _operations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FuzzBreach> _breaches = new(StringComparer.Ordinal);
    private int _sent;
    private int _skipped;

    public int Sent => _sent;

    /// <summary>Generated inputs not sent because they could not shrink any breach.</summary>
    public int Skipped => _skipped;

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    /// <summary>The request that took longest to answer.</summary>
    public (TimeSpan Took, FuzzRequest? Request) Slowest { get; private set; }

    public IReadOnlySet<string> Operations => _operations;

    public IReadOnlyList<FuzzBreach> Breaches => [.. _breaches.Values.OrderBy(b => b.Kind, StringComparer.Ordinal)];

    public async Task RunAsync(PCG pcg, TimeSpan budget, int workers)
    {
        var clock = Stopwatch.StartNew();
        var shrinkFrom = budget * 2 / 3;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < budget)
            {
                if (Next(pcg, clock.Elapsed >= shrinkFrom) is not { } input)
                {
                    continue;
                }

                var started = clock.Elapsed;
                var answer = await send(input.Request);
                Record(input.Request, input.Size, input.Seed, answer, clock.Elapsed - started);
            }
        })));
    }

    private (FuzzRequest Request, Size Size, string Seed)? Next(PCG pcg, bool shrinking)
    {
        // One generator in sequence: the seed of each input replays it, and the run from it on.
        lock (_lock)
        {
            for (var tries = 0; tries < 1_000; tries++)
            {
                var state = pcg.State;
                var request = requests.Generate(pcg, null, out var size);
                if (!shrinking || _breaches.Count == 0 || _breaches.Values.Any(b => Size.IsLessThan(size, b.Size)))
                {
                    return (request, size, pcg.ToString(state));
                }

                _skipped++;
            }

            return null;
        }
    }

    private void Record(FuzzRequest request, Size size, string seed, FuzzAnswer answer, TimeSpan took)
    {
        lock (_lock)
        {
            _sent++;
            if (took > Slowest.Took)
            {
                Slowest = (took, request);
            }

            _statuses[answer.Status] = _statuses.GetValueOrDefault(answer.Status) + 1;
            _operations.Add(request.Operation.Name);
            if (answer.Breach is not { } kind)
            {
                return;
            }

            if (!_breaches.TryGetValue(kind, out var kept))
            {
                _breaches[kind] = new FuzzBreach(kind, size, seed, request, answer, 1, 0);
            }
            else if (Size.IsLessThan(size, kept.Size))
            {
                _breaches[kind] = new FuzzBreach(kind, size, seed, request, answer, kept.Occurrences + 1, kept.Shrinks + 1);
            }
            else
            {
                _breaches[kind] = kept with { Occurrences = kept.Occurrences + 1 };
            }
        }
    }
}
