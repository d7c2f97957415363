using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.WebApi.Middleware;

/// <summary>Adds <see cref="ClientRateLimitMiddleware"/> unless <c>RateLimiting:Enabled</c> is explicitly false.</summary>
public static class ClientRateLimitSetup
{
    public static WebApplication UseClientRateLimit(this WebApplication app, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitingOptions.SectionName).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        if (options.Enabled)
        {
            app.UseMiddleware<ClientRateLimitMiddleware>();
        }

        return app;
    }
}
