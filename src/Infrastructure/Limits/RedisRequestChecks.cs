using Orchestrator.Application.Common.Limits;
using StackExchange.Redis;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// The two questions every request asks Redis: may this client address go on (the per-IP limit's GCRA), and
/// is this bearer token revoked. Concurrent requests' questions travel together, in one call of one script
/// (<see cref="LimiterScripts.RequestChecks"/>), instead of one command each.
/// </summary>
/// <remarks>
/// <para>
/// A question leaves at once while fewer than <see cref="MaxCallsInFlight"/> calls are on their way; otherwise it
/// waits for the next call, which leaves as soon as one returns and carries every question asked meanwhile.
/// An idle service thus sends each request's questions alone, and a busy one sends fewer, larger calls. A request
/// asks its two questions inside <see cref="GatherQuestions"/>, so that they always leave in one call: asked one
/// after the other, the first would otherwise leave alone whenever a call could leave, and the request would
/// depend on two calls.
/// </para>
/// <para>
/// Identical questions in one call are asked once: the rate limit of one address is decided for all its
/// waiting requests in one step (the script admits as many as the GCRA allows, in the order asked, and stores
/// the new state once; this process replays the same arithmetic, <see cref="Gcra.Decide"/>, for each request's
/// headers), and one token is looked up once however many requests carry it. Redis's cost of a call grows
/// with the distinct addresses and tokens in it, not with the requests.
/// </para>
/// <para>
/// Calls' answers are handed out in the order the calls left. Redis replies in that order, but each reply is read
/// on whichever pool thread comes first, so a later call's reply can be read before an earlier one's; it then
/// waits for it. A request whose revocation lookup left in one call and its rate check in the next thus always
/// has its revocation answer by the time its rate decision lets it go on.
/// </para>
/// <para>
/// Every answer still comes from Redis, from a call sent after the question was asked: nothing is answered
/// from a copy, so a limit or a revocation is seen by every instance at once.
/// </para>
/// </remarks>
public sealed class RedisRequestChecks(IConnectionMultiplexer redis)
{
    /// <summary>
    /// Two: a call leaves while the previous one is on its way, instead of waiting for it. One call in flight made
    /// larger calls but no faster service (bench/RESULTS.md).
    /// </summary>
    private const int MaxCallsInFlight = 2;

    /// <summary>Distinct questions in one call; bounds one script's run, since Redis serves nothing else meanwhile.</summary>
    private const int MaxQuestionsPerCall = 128;

    /// <summary>Open <see cref="GatherQuestions"/> scopes on this thread.</summary>
    [ThreadStatic]
    private static int _gatheringOnThisThread;

    /// <summary>The checks whose questions this thread's scope holds back, sent when the scope ends.</summary>
    [ThreadStatic]
    private static RedisRequestChecks? _gatheredOnThisThread;

    private readonly Lock _lock = new();
    private readonly Queue<Call> _waiting = new();
    private Call? _newestWaiting;
    private int _callsInFlight;

    /// <summary>Completes once the answers of the call that left last have been handed out.</summary>
    private Task _lastHandedOut = Task.CompletedTask;

    /// <summary>
    /// Questions asked on this thread until the returned scope ends leave together, in one call, when it ends
    /// (or earlier, with other questions, if a call leaves meanwhile).
    /// </summary>
    /// <remarks>
    /// A <c>ref struct</c>, so that it cannot be held across an <c>await</c>: the questions are asked in the scope, and
    /// their answers awaited after it.
    /// </remarks>
    public static QuestionsGathered GatherQuestions()
    {
        _gatheringOnThisThread++;
        return default;
    }

    /// <summary>One GCRA decision on the TAT stored at <paramref name="key"/>, the same arithmetic as <see cref="Gcra"/> on the server's clock.</summary>
    /// <remarks>Keys are whole Redis keys: each store adds its prefix, as for its other commands.</remarks>
    public Task<RateDecision> AcquireRateAsync(string key, RatePolicy policy)
    {
        var asker = new TaskCompletionSource<RateDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        Ask(new QuestionKey(key, null, 0, policy), static q => new RateQuestion(q.Key, q.Policy!), asker);
        return asker.Task;
    }

    /// <summary>Whether a token is revoked: its id is on the deny list, or its user's token version has moved past it.</summary>
    /// <param name="revokedIdKey">The token id's deny-list key.</param>
    /// <param name="userVersionKey">The key of the user's token version.</param>
    /// <param name="tokenVersion">The version the token was issued with.</param>
    /// <param name="whenRedisFails">
    /// The answer when Redis cannot give one (the caller's own copy), so that this task never faults.
    /// </param>
    /// <remarks>
    /// The task returned is the one the answer completes, with no continuation in between: a request that asked
    /// this together with its rate check finds it answered by the time its rate decision has let it go on, and
    /// does not wait a second time.
    /// </remarks>
    public Task<bool> IsRevokedAsync(string revokedIdKey, string userVersionKey, int tokenVersion, Func<Exception, bool> whenRedisFails)
    {
        var asker = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Ask(new QuestionKey(revokedIdKey, userVersionKey, tokenVersion, null), q => new RevocationQuestion(q.Key, q.SecondKey!, q.Version, whenRedisFails), asker);
        return asker.Task;
    }

    // Continuations run on the thread pool (RunContinuationsAsynchronously), not inline on the thread that read
    // the reply, so the requests answered by one call go on in parallel.
    private void Ask<T>(QuestionKey key, Func<QuestionKey, Question<T>> create, TaskCompletionSource<T> asker)
    {
        Call? send = null;
        lock (_lock)
        {
            if (_newestWaiting is null || !_newestWaiting.CanTake(key))
            {
                _newestWaiting = new Call();
                _waiting.Enqueue(_newestWaiting);
            }

            _newestWaiting.Add(key, create, asker);
            if (_gatheringOnThisThread > 0 && (_gatheredOnThisThread is null || ReferenceEquals(_gatheredOnThisThread, this)))
            {
                _gatheredOnThisThread = this;
            }
            else
            {
                send = TakeWaitingIfACallMayLeave();
            }
        }

        if (send is not null)
        {
            _ = SendWhileWaitingAsync(send);
        }
    }

    // When a gathering scope ends: its questions leave now if a call may, else with the next call that leaves.
    private void SendGathered()
    {
        Call? send;
        lock (_lock)
        {
            send = TakeWaitingIfACallMayLeave();
        }

        if (send is not null)
        {
            _ = SendWhileWaitingAsync(send);
        }
    }

    // Under _lock: the next waiting call, counted as in flight, while fewer than MaxCallsInFlight are; else null.
    private Call? TakeWaitingIfACallMayLeave()
    {
        if (_waiting.Count == 0 || _callsInFlight >= MaxCallsInFlight)
        {
            return null;
        }

        _callsInFlight++;
        return TakeWaiting();
    }

    // Sends a call, then, for as long as questions were asked meanwhile, the next one.
    private async Task SendWhileWaitingAsync(Call call)
    {
        while (true)
        {
            await SendAsync(call);
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _callsInFlight--;
                    return;
                }

                call = TakeWaiting();
            }
        }
    }

    // Under _lock: the order calls are taken in is the order they leave in, and the order their answers go out in.
    private Call TakeWaiting()
    {
        var call = _waiting.Dequeue();
        if (ReferenceEquals(call, _newestWaiting))
        {
            _newestWaiting = null;
        }

        call.PreviousHandedOut = _lastHandedOut;
        _lastHandedOut = call.HandedOut.Task;
        return call;
    }

    private async Task SendAsync(Call call)
    {
        RedisResult? reply = null;
        Exception? failure = null;
        try
        {
            if (!redis.IsConnected)
            {
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "Redis is not connected.");
            }

            var keys = new List<RedisKey>(call.Questions.Count * 2);
            var arguments = new List<RedisValue>(call.Questions.Count * 4);
            foreach (var question in call.Questions)
            {
                question.AddTo(keys, arguments);
            }

            reply = await redis.GetDatabase().ScriptEvaluateAsync(LimiterScripts.RequestChecks, [.. keys], [.. arguments]);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        // Rarely not done: the previous call's reply is still being read, or its answers handed out, on another thread.
        if (!call.PreviousHandedOut.IsCompleted)
        {
            await call.PreviousHandedOut;
        }

        try
        {
            HandOut(call, reply, failure);
        }
        finally
        {
            call.HandedOut.SetResult();
        }
    }

    private static void HandOut(Call call, RedisResult? reply, Exception? failure)
    {
        if (failure is null)
        {
            try
            {
                var answers = (RedisResult[])reply!;
                for (var i = 0; i < call.Questions.Count; i++)
                {
                    call.Questions[i].Answer(answers[i]);
                }

                return;
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        }

        // Rate checks fail with Redis's error and revocation checks take their fallback; askers answered above ignore this.
        foreach (var question in call.Questions)
        {
            question.Fail(failure);
        }
    }

    /// <summary>The scope of <see cref="GatherQuestions"/>: ending it sends the questions asked in it.</summary>
    public readonly ref struct QuestionsGathered
    {
        public void Dispose()
        {
            // A default instance never opened a scope: nothing to end.
            if (_gatheringOnThisThread == 0 || --_gatheringOnThisThread > 0 || _gatheredOnThisThread is not { } checks)
            {
                return;
            }

            _gatheredOnThisThread = null;
            checks.SendGathered();
        }
    }

    /// <summary>What makes two questions the same: the keys they read and what they are judged by.</summary>
    private readonly record struct QuestionKey(string Key, string? SecondKey, int Version, RatePolicy? Policy);

    /// <summary>The distinct questions of one call, in the order first asked.</summary>
    private sealed class Call
    {
        private readonly Dictionary<QuestionKey, Question> _byKey = [];

        public List<Question> Questions { get; } = [];

        /// <summary>Completed once this call's answers are handed out; the next call, when it waits for this, goes on inline.</summary>
        public TaskCompletionSource HandedOut { get; } = new();

        /// <summary>The previous call's <see cref="HandedOut"/>: this call's answers go out after it.</summary>
        public Task PreviousHandedOut { get; set; } = Task.CompletedTask;

        public bool CanTake(QuestionKey key) => Questions.Count < MaxQuestionsPerCall || _byKey.ContainsKey(key);

        public void Add<T>(QuestionKey key, Func<QuestionKey, Question<T>> create, TaskCompletionSource<T> asker)
        {
            if (!_byKey.TryGetValue(key, out var question))
            {
                question = create(key);
                _byKey.Add(key, question);
                Questions.Add(question);
            }

            ((Question<T>)question).Askers.Add(asker);
        }
    }

    private abstract class Question
    {
        public abstract void AddTo(List<RedisKey> keys, List<RedisValue> arguments);

        public abstract void Answer(RedisResult answer);

        public abstract void Fail(Exception exception);
    }

    private abstract class Question<T> : Question
    {
        public List<TaskCompletionSource<T>> Askers { get; } = new(1);

        // Rate checks fail with Redis's error; the limiter store turns it into its own.
        public override void Fail(Exception exception)
        {
            foreach (var asker in Askers)
            {
                asker.TrySetException(exception);
            }
        }
    }

    private sealed class RateQuestion(string key, RatePolicy policy) : Question<RateDecision>
    {
        public override void AddTo(List<RedisKey> keys, List<RedisValue> arguments)
        {
            keys.Add(key);
            arguments.Add(LimiterScripts.RateCheckKind);
            arguments.Add(policy.IntervalMicroseconds);
            arguments.Add(policy.Permits);
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
                var decision = Gcra.Decide(now, arrival, policy, out var nextArrival);
                if (decision.Allowed)
                {
                    arrival = nextArrival;
                }

                asker.TrySetResult(decision);
            }
        }
    }

    // Identical questions are asked once; their askers share the first one's fallback, which reads the same keys.
    private sealed class RevocationQuestion(string revokedIdKey, string userVersionKey, int tokenVersion, Func<Exception, bool> whenRedisFails)
        : Question<bool>
    {
        public override void AddTo(List<RedisKey> keys, List<RedisValue> arguments)
        {
            keys.Add(revokedIdKey);
            keys.Add(userVersionKey);
            arguments.Add(LimiterScripts.RevocationCheckKind);
            arguments.Add(tokenVersion);
        }

        public override void Answer(RedisResult answer) => AnswerAll((long)answer == 1);

        public override void Fail(Exception exception) => AnswerAll(whenRedisFails(exception));

        private void AnswerAll(bool revoked)
        {
            foreach (var asker in Askers)
            {
                asker.TrySetResult(revoked);
            }
        }
    }
}
