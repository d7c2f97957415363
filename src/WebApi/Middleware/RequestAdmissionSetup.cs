namespace Orchestrator.WebApi.Middleware;

/// <summary>Adds <see cref="RequestAdmissionMiddleware"/> unless <c>RateLimiting:Enabled</c> is explicitly false.</summary>
public static class RequestAdmissionSetup
{
    public static WebApplication UseRequestAdmission(this WebApplication app, IConfiguration configuration)
    {
        // Without it, nothing is prefetched: the bearer check asks the revocation store after validation.
        if (configuration.GetValue("RateLimiting:Enabled", defaultValue: true))
        {
            app.UseMiddleware<RequestAdmissionMiddleware>();
        }

        return app;
    }
}
