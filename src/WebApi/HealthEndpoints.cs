using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Orchestrator.WebApi;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (its dependencies answer); no authentication.</summary>
public static class HealthEndpoints
{
    public static WebApplication MapOrchestratorHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
