using Orchestrator.Application.Common.Limits;
using StackExchange.Redis;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// The two checks every request makes on Redis: may this client address go on (the per-IP limit's GCRA), and is
/// this bearer token revoked. A request hands both over in one <see cref="CheckAsync"/>, so they always travel in
/// the same script call (<see cref="LimiterScripts.RequestChecks"/>), and concurrent requests' checks are batched
/// into one call instead of one command each (decision 0012).
/// </summary>
/// <remarks>
/// <para>
/// A batch leaves at once while fewer than <see cref="MaxBatchesInFlight"/> are on their way; otherwise it stays
/// pending, and leaves as soon as one returns, carrying every check asked meanwhile. An idle service thus sends
/// each request's checks alone, and a busy one sends fewer, larger calls.
/// </para>
/// <para>
/// Identical checks in one batch are asked once: the rate limit of one address is decided for all its pending
/// requests in one step (the script admits as many as the GCRA allows, in the order asked, and stores the new
/// state once; this process replays the same arithmetic, <see cref="Gcra.Decide"/>, for each request's headers),
/// and one token is looked up once however many requests carry it. Redis's cost of a call grows with the
/// distinct addresses and tokens in it, not with the requests.
/// </para>
/// <para>
/// Batches' answers are handed out in the order the batches left. Redis replies in that order, but each reply is
/// read on whichever pool thread comes first, so a later batch's reply can be read before an earlier one's; it
/// then waits for it.
/// </para>
/// <para>
/// Every answer comes from Redis, from a call sent after the check was asked: nothing is answered from a copy,
/// so a limit or a revocation is seen by every instance at once. A call that fails gives every check in it the
/// failure, and each caller takes its own fallback.
/// </para>
/// </remarks>
public sealed class RedisCheckBatcher(IConnectionMultiplexer redis)
{
    /// <summary>
    /// Two: a batch leaves while the previous one is on its way, instead of waiting for it. One in flight made
    /// larger batches but no faster service (decision 0012).
    /// </summary>
    private const int MaxBatchesInFlight = 2;

    /// <summary>Distinct checks in one batch; bounds one script's run, since Redis serves nothing else meanwhile.</summary>
    private const int MaxChecksPerBatch = 128;

    private readonly Lock _lock = new();
    private readonly Queue<Batch> _pending = new();
    private Batch? _newestPending;
    private int _batchesInFlight;

    /// <summary>Completes once the answers of the batch that left last have been handed out.</summary>
    private Task _lastHandedOut = Task.CompletedTask;

    /// <summary>
    /// One request's checks, either or both: they leave together, in one call. The task never faults; a failed
    /// call's exception is in <see cref="RedisCheckAnswers.Failure"/>.
    /// </summary>
    /// <remarks>Keys are whole Redis keys: each caller adds its prefix, as for its other commands.</remarks>
    public Task<RedisCheckAnswers> CheckAsync(RedisRateCheck? rate, RedisRevocationCheck? revocation)
    {
        if (rate is null && revocation is null)
        {
            throw new ArgumentException("Nothing to check.", nameof(rate));
        }

        // Continuations run on the thread pool, not inline on the thread that read the reply, so the requests
        // answered by one call go on in parallel.
        var asker = new Asker();
        Batch? send;
        lock (_lock)
        {
            if (_newestPending is null || !_newestPending.CanTake(rate, revocation))
            {
                _newestPending = new Batch();
                _pending.Enqueue(_newestPending);
            }

            _newestPending.Add(rate, revocation, asker);
            send = TakePendingIfABatchMayLeave();
        }

        if (send is not null)
        {
            _ = SendWhilePendingAsync(send);
        }

        return asker.Task;
    }

    // Under _lock: the next pending batch, counted as in flight, while fewer than MaxBatchesInFlight are; else null.
    private Batch? TakePendingIfABatchMayLeave()
    {
        if (_pending.Count == 0 || _batchesInFlight >= MaxBatchesInFlight)
        {
            return null;
        }

        _batchesInFlight++;
        return TakePending();
    }

    // Sends a batch, then, for as long as checks were asked meanwhile, the next one.
    private async Task SendWhilePendingAsync(Batch batch)
    {
        while (true)
        {
            await SendAsync(batch);
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _batchesInFlight--;
                    return;
                }

                batch = TakePending();
            }
        }
    }

    // Under _lock: the order batches are taken in is the order they leave in, and the order their answers go out in.
    private Batch TakePending()
    {
        var batch = _pending.Dequeue();
        if (ReferenceEquals(batch, _newestPending))
        {
            _newestPending = null;
        }

        batch.PreviousHandedOut = _lastHandedOut;
        _lastHandedOut = batch.HandedOut.Task;
        return batch;
    }

    private async Task SendAsync(Batch batch)
    {
        RedisResult? reply = null;
        Exception? failure = null;
        try
        {
            if (!redis.IsConnected)
            {
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "Redis is not connected.");
            }

            var keys = new List<RedisKey>(batch.Checks.Count * 2);
            var arguments = new List<RedisValue>(batch.Checks.Count * 4);
            foreach (var check in batch.Checks)
            {
                check.AddTo(keys, arguments);
            }

            reply = await redis.GetDatabase().ScriptEvaluateAsync(LimiterScripts.RequestChecks, [.. keys], [.. arguments]);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        // Rarely not done: the previous batch's reply is still being read, or its answers handed out, on another thread.
        if (!batch.PreviousHandedOut.IsCompleted)
        {
            await batch.PreviousHandedOut;
        }

        try
        {
            HandOut(batch, reply, failure);
        }
        finally
        {
            batch.HandedOut.SetResult();
        }
    }

    private static void HandOut(Batch batch, RedisResult? reply, Exception? failure)
    {
        if (failure is null)
        {
            try
            {
                var answers = (RedisResult[])reply!;
                for (var i = 0; i < batch.Checks.Count; i++)
                {
                    batch.Checks[i].Answer(answers[i]);
                }
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        }

        foreach (var asker in batch.Askers)
        {
            asker.Complete(failure);
        }
    }

    /// <summary>What makes two checks the same: the keys they read and what they are judged by.</summary>
    private readonly record struct CheckKey(string Key, string? SecondKey, int Version, RatePolicy? Policy);

    /// <summary>One request's answers, filled in by its checks and handed out once the whole batch is answered.</summary>
    private sealed class Asker() : TaskCompletionSource<RedisCheckAnswers>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public RateDecision? Rate { get; set; }

        public bool? Revoked { get; set; }

        // A failed call answers nothing, even what a partly read reply already filled in.
        public void Complete(Exception? failure) =>
            TrySetResult(failure is null ? new RedisCheckAnswers(Rate, Revoked, null) : new RedisCheckAnswers(null, null, failure));
    }

    /// <summary>The distinct checks of one call, in the order first asked, and the requests waiting for them.</summary>
    private sealed class Batch
    {
        private readonly Dictionary<CheckKey, Check> _byKey = [];

        public List<Check> Checks { get; } = [];

        public List<Asker> Askers { get; } = [];

        /// <summary>Completed once this batch's answers are handed out; the next batch, when it waits for this, goes on inline.</summary>
        public TaskCompletionSource HandedOut { get; } = new();

        /// <summary>The previous batch's <see cref="HandedOut"/>: this batch's answers go out after it.</summary>
        public Task PreviousHandedOut { get; set; } = Task.CompletedTask;

        // A request's checks are never split: the batch takes both, or neither.
        public bool CanTake(RedisRateCheck? rate, RedisRevocationCheck? revocation)
        {
            var added = (rate is { } r && !_byKey.ContainsKey(KeyOf(r)) ? 1 : 0)
                + (revocation is { } v && !_byKey.ContainsKey(KeyOf(v)) ? 1 : 0);
            return added == 0 || Checks.Count + added <= MaxChecksPerBatch;
        }

        public void Add(RedisRateCheck? rate, RedisRevocationCheck? revocation, Asker asker)
        {
            if (rate is { } r)
            {
                var key = KeyOf(r);
                if (!_byKey.TryGetValue(key, out var check))
                {
                    check = Register(key, new RateCheck(r));
                }

                check.Askers.Add(asker);
            }

            if (revocation is { } v)
            {
                var key = KeyOf(v);
                if (!_byKey.TryGetValue(key, out var check))
                {
                    check = Register(key, new RevocationCheck(v));
                }

                check.Askers.Add(asker);
            }

            Askers.Add(asker);
        }

        private static CheckKey KeyOf(RedisRateCheck rate) => new(rate.Key, null, 0, rate.Policy);

        private static CheckKey KeyOf(RedisRevocationCheck revocation) =>
            new(revocation.RevokedIdKey, revocation.UserVersionKey, revocation.TokenVersion, null);

        private Check Register(CheckKey key, Check check)
        {
            _byKey.Add(key, check);
            Checks.Add(check);
            return check;
        }
    }

    private abstract class Check
    {
        public List<Asker> Askers { get; } = new(1);

        public abstract void AddTo(List<RedisKey> keys, List<RedisValue> arguments);

        public abstract void Answer(RedisResult answer);
    }

    private sealed class RateCheck(RedisRateCheck check) : Check
    {
        public override void AddTo(List<RedisKey> keys, List<RedisValue> arguments)
        {
            keys.Add(check.Key);
            arguments.Add(LimiterScripts.RateCheckKind);
            arguments.Add(check.Policy.IntervalMicroseconds);
            arguments.Add(check.Policy.Permits);
            arguments.Add(Askers.Count);
        }

        // The script answers with its clock and the TAT it started from; the decisions it made are replayed here.
        public override void Answer(RedisResult answer)
        {
            var values = (long[])answer!;
            var now = values[0];
            var arrival = values[1];
            foreach (var asker in Askers)
            {
                var decision = Gcra.Decide(now, arrival, check.Policy, out var nextArrival);
                if (decision.Allowed)
                {
                    arrival = nextArrival;
                }

                asker.Rate = decision;
            }
        }
    }

    private sealed class RevocationCheck(RedisRevocationCheck check) : Check
    {
        public override void AddTo(List<RedisKey> keys, List<RedisValue> arguments)
        {
            keys.Add(check.RevokedIdKey);
            keys.Add(check.UserVersionKey);
            arguments.Add(LimiterScripts.RevocationCheckKind);
            arguments.Add(check.TokenVersion);
        }

        public override void Answer(RedisResult answer)
        {
            var revoked = (long)answer == 1;
            foreach (var asker in Askers)
            {
                asker.Revoked = revoked;
            }
        }
    }
}
