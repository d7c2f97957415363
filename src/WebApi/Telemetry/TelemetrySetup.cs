using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Application.Common.Telemetry;

namespace Orchestrator.WebApi.Telemetry;

/// <summary>
/// OpenTelemetry for the service: metrics always (read by <c>/metrics</c> on the management address), and, only when
/// <c>OpenTelemetry:Endpoint</c> is set, traces and metrics by OTLP. Without an endpoint no span is recorded, so the
/// request path pays nothing for tracing (docs/decisions/0032-telemetry.md).
/// </summary>
public static class TelemetrySetup
{
    public const string EndpointKey = "OpenTelemetry:Endpoint";

    public static IServiceCollection AddOrchestratorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = OtlpEndpoint(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orchestrator"))
            .WithMetrics(metrics =>
            {
                ConfigureMetrics(metrics);
                metrics.AddPrometheusExporter();
                if (endpoint is not null)
                {
                    metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
                }
            });
        if (endpoint is not null)
        {
            telemetry.WithTracing(tracing =>
            {
                ConfigureTracing(tracing);
                tracing.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
            });
        }

        return services;
    }

    /// <summary>The sources every trace is made of; an exporter is added after this, so spans reach it scrubbed.</summary>
    public static TracerProviderBuilder ConfigureTracing(TracerProviderBuilder tracing) => tracing
        .AddSource(OrchestratorTelemetry.Name)
        .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !ManagementAddress.IsManagementRequest(context))
        .AddHttpClientInstrumentation()
        .AddEntityFrameworkCoreInstrumentation()
        .AddRedisInstrumentation()
        .AddProcessor(new SpanScrubber());

    /// <summary>
    /// The service's own meter, ASP.NET Core's (requests by route and status, Kestrel, routing, errors) and the
    /// runtime's. Outgoing HTTP metrics are left out: their <c>server.address</c> can be an S3 bucket's name.
    /// </summary>
    public static MeterProviderBuilder ConfigureMetrics(MeterProviderBuilder metrics) => metrics
        .AddMeter(OrchestratorTelemetry.Name)
        .AddAspNetCoreInstrumentation()
        .AddRuntimeInstrumentation();

    private static Uri? OtlpEndpoint(IConfiguration configuration)
    {
        var configured = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"
            ? endpoint
            : throw new InvalidOperationException($"{EndpointKey} must be an absolute http or https address.");
    }
}
