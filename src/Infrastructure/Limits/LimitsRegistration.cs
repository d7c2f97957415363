using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Admission;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Infrastructure.Admission;
using StackExchange.Redis;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// Chooses the limiter store and the request admission: Redis when <c>Redis:ConnectionString</c> is set, else
/// process memory.
/// </summary>
public static class LimitsRegistration
{
    /// <summary>Short, so that a dead Redis costs a request little; commands fail at once while disconnected.</summary>
    private const int TimeoutMilliseconds = 1000;

    public static IServiceCollection AddLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName));
        services.AddOptions<RateLimitingOptions>()
            .Bind(configuration.GetSection(RateLimitingOptions.SectionName))
            .Validate(o => o.PermitsPerMinute >= 1, "RateLimiting:PermitsPerMinute must be at least 1.")
            .Validate(o => o.Ipv6PrefixLength is >= 1 and <= 128, "RateLimiting:Ipv6PrefixLength must be 1 to 128 (64 is one customer network).")
            .Validate(o => o.MaxKeysInMemory is >= 100 and <= 10_000_000, "RateLimiting:MaxKeysInMemory must be 100 to 10000000.")
            .ValidateOnStart();

        services.AddSingleton<InMemoryLimiterStore>();
        services.AddSingleton<LimiterStoreStatus>();
        services.AddScoped<IQuotaGate, QuotaGate>();

        var connectionString = configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.ConnectionString)}"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.AddSingleton<ILimiterStore>(sp => sp.GetRequiredService<InMemoryLimiterStore>());
            services.AddSingleton<IRequestAdmission, InMemoryRequestAdmission>();
            return services;
        }

        // A plain singleton: other features (token revocation) reuse the same connection.
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisConfiguration(connectionString)));
        services.AddSingleton<RedisCheckBatcher>();
        services.AddSingleton<ILimiterStore, RedisLimiterStore>();
        services.AddSingleton<IRequestAdmission, RedisRequestAdmission>();
        services.AddHealthChecks().AddCheck<RedisLimiterHealthCheck>("redis", tags: ["ready"]);
        return services;
    }

    private static ConfigurationOptions RedisConfiguration(string connectionString)
    {
        var redis = ConfigurationOptions.Parse(connectionString);

        // Start and keep running without Redis; reconnect in the background.
        redis.AbortOnConnectFail = false;
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        redis.ReconnectRetryPolicy = new LinearRetry(1000);
        if (!Mentions(connectionString, "connectTimeout"))
        {
            redis.ConnectTimeout = 2000;
        }

        if (!Mentions(connectionString, "syncTimeout"))
        {
            redis.SyncTimeout = TimeoutMilliseconds;
        }

        if (!Mentions(connectionString, "asyncTimeout"))
        {
            redis.AsyncTimeout = TimeoutMilliseconds;
        }

        return redis;
    }

    private static bool Mentions(string connectionString, string option) =>
        connectionString.Contains(option + "=", StringComparison.OrdinalIgnoreCase);
}
