namespace Orchestrator.Infrastructure.Limits;

/// <summary>Configuration section <c>Redis</c>; limits live in Redis when <see cref="ConnectionString"/> is set.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    public string? ConnectionString { get; set; }

    /// <summary>Prefixed to every key, so several deployments (or test runs) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "orchestrator:";
}
