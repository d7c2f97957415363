using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.WebApi.Health;

namespace Orchestrator.WebApi;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (its dependencies answer); no authentication.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// The database always. Redis, when <c>Redis:ConnectionString</c> is set, is checked by the limits
    /// (<c>RedisLimiterHealthCheck</c>, on the shared connection): unreachable Redis is Degraded, not
    /// Unhealthy, because the API stays up on its per-instance fallback and pulling every instance out
    /// of the load balancer would take the whole service down.
    /// </summary>
    public static IServiceCollection AddOrchestratorHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapOrchestratorHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }
}
