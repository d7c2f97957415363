using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.WebApi.Health;

namespace Orchestrator.WebApi;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (its dependencies answer); no authentication.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>The database always; Redis only when <c>Redis:ConnectionString</c> is set (otherwise nothing uses it).</summary>
    public static IServiceCollection AddOrchestratorHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: [ReadyTag]);
        var redis = configuration["Redis:ConnectionString"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            checks.AddRedis(redis, name: "redis", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));
        }

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
