using System.Reflection;
using StackExchange.Redis;

namespace Orchestrator.UnitTests.Infrastructure.Limits;

/// <summary>
/// A connection whose every script call is held until the test sets its reply: <c>Replies[i]</c> is the i-th
/// call's, <c>Keys[i]</c> the keys it carried. Anything else the request checks do not use throws.
/// </summary>
public class HeldRepliesRedis : DispatchProxy
{
    private HeldCalls _calls = new();
    private object? _database;

    public static IConnectionMultiplexer Create(out HeldCalls calls)
    {
        var connection = DispatchProxy.Create<IConnectionMultiplexer, HeldRepliesRedis>();
        var database = DispatchProxy.Create<IDatabase, HeldRepliesRedis>();
        calls = new HeldCalls();
        ((HeldRepliesRedis)(object)connection)._calls = calls;
        ((HeldRepliesRedis)(object)connection)._database = database;
        ((HeldRepliesRedis)(object)database)._calls = calls;
        return connection;
    }

    /// <summary>A rate answer for an address with its whole quota left: the server's clock and a TAT no later than it (µs).</summary>
    public static RedisResult FreshRateAnswer()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        return RedisResult.Create([RedisResult.Create(now), RedisResult.Create(now)]);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        "get_IsConnected" => true,
        "GetDatabase" => _database,
        "ScriptEvaluateAsync" when args is [string, RedisKey[] keys, ..] => Hold(keys),
        _ => throw new NotSupportedException($"{targetMethod?.Name} is not used by the request checks."),
    };

    // The checks' own continuation runs inline when the test sets the reply, as a pool thread would run it.
    private Task<RedisResult> Hold(RedisKey[] keys)
    {
        var reply = new TaskCompletionSource<RedisResult>();
        lock (_calls)
        {
            _calls.Replies.Add(reply);
            _calls.Keys.Add([.. keys.Select(key => key.ToString())]);
        }

        return reply.Task;
    }

    /// <summary>The script calls made so far, in the order they left.</summary>
    public sealed class HeldCalls
    {
        public List<TaskCompletionSource<RedisResult>> Replies { get; } = [];

        public List<string[]> Keys { get; } = [];

        public int Count => Replies.Count;
    }
}
