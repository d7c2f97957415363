namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>The Redis that the test script starts; tests that need it fail (never skip) without it.</summary>
public static class TestRedis
{
    public const string Variable = "ORCHESTRATOR_TEST_REDIS";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run the tests with ./test.sh, which starts a Redis.");

    /// <summary>A key prefix of its own, so that tests sharing the Redis never see each other's state.</summary>
    public static string NewKeyPrefix() => $"test:{Guid.NewGuid():N}:";

    /// <summary>Points the factory at the test Redis with a key prefix of its own.</summary>
    public static OrchestratorApiFactory WithTestRedis(this OrchestratorApiFactory factory, string? keyPrefix = null) =>
        factory.With("Redis:ConnectionString", ConnectionString).With("Redis:KeyPrefix", keyPrefix ?? NewKeyPrefix());
}
