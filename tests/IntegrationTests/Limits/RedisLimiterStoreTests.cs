using Microsoft.Extensions.Options;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>The shared contract on the Redis store, against the test script's Redis (server time, Lua scripts).</summary>
public sealed class RedisLimiterStoreTests : LimiterStoreContract, IDisposable
{
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(TestRedis.ConnectionString);
    private readonly RedisLimiterStore _store;

    public RedisLimiterStoreTests()
    {
        var options = Options.Create(new RedisOptions { KeyPrefix = TestRedis.NewKeyPrefix() });
        _store = new RedisLimiterStore(_redis, new RedisCheckBatcher(_redis), options);
    }

    protected override ILimiterStore Store => _store;

    public void Dispose() => _redis.Dispose();
}
