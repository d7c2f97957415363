using System.Text.Json;
using Orchestrator.WebApi.Errors;

namespace Orchestrator.WebApi.Telemetry;

/// <summary>
/// The management address (<c>Management:Urls</c>): Kestrel listens on it beside the public one, and a request that
/// arrived on its port gets <c>/metrics</c> and nothing else. The port the connection was accepted on decides, not
/// the Host header, which the client writes.
/// </summary>
public static class ManagementAddress
{
    public const string UrlsKey = "Management:Urls";
    public const string DefaultUrls = "http://localhost:5081";

    // Written as is: the management address has none of the public pipeline's services in its way.
    private const string NotFoundProblem =
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not Found","status":404,"detail":"The management address serves GET /metrics only; the API is on the public address.","traceId":""";

    /// <summary>Adds the management address to the addresses Kestrel listens on; an empty setting turns it off.</summary>
    public static void Listen(WebApplicationBuilder builder)
    {
        var management = builder.Configuration[UrlsKey] ?? DefaultUrls;
        var ports = management.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => BindingAddress.Parse(url).Port)
            .Where(port => port > 0)
            .Distinct()
            .ToArray();
        builder.Services.AddSingleton(new ManagementPorts(ports));
        if (ports.Length == 0)
        {
            return;
        }

        // The contract's default public address when none is configured (Kestrel's own would be port 5000).
        var publicUrls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        builder.WebHost.UseUrls($"{(string.IsNullOrWhiteSpace(publicUrls) ? "http://localhost:5080" : publicUrls)};{management}");
    }

    public static bool IsManagementRequest(HttpContext context) =>
        context.RequestServices.GetService<ManagementPorts>() is { } management && management.Contains(context.Connection.LocalPort);

    /// <summary>The management branch: <c>/metrics</c> in Prometheus text, a problem+json 404 for anything else.</summary>
    public static void MapManagement(WebApplication app)
    {
        var ports = app.Services.GetRequiredService<ManagementPorts>();
        app.MapWhen(context => ports.Contains(context.Connection.LocalPort), management =>
        {
            management.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == "/metrics");
            management.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.ContentType = "application/problem+json";
                return context.Response.WriteAsync(
                    NotFoundProblem + JsonSerializer.Serialize(ProblemTrace.IdOf(context)) + "}", context.RequestAborted);
            });
        });
    }
}
