using System.Net;
using StackExchange.Redis;

/// <summary>
/// One awaited Redis round trip per request, before authentication, where the API asks its per-IP limit and the
/// token's revocation: an EVALSHA of a script that reads one key of the client's address. The floor of a design
/// that asks Redis once per request, with nothing gathered across requests and nothing decided from the answer.
/// </summary>
internal sealed class RedisRoundTrip(IConnectionMultiplexer redis, byte[] scriptHash)
{
    private const string Script = "return redis.call('GET', KEYS[1])";

    public static async Task<RedisRoundTrip> ConnectAsync(string connectionString)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        return new RedisRoundTrip(redis, await server.ScriptLoadAsync(Script));
    }

    public async Task AskAsync(IPAddress? client)
    {
        RedisKey[] keys = ["bench:floor:" + client];
        await redis.GetDatabase().ScriptEvaluateAsync(scriptHash, keys);
    }
}
