using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orchestrator.WebApi.Health;

/// <summary>
/// Writes a health report as JSON: the overall status and each check's name, status and duration.
/// Descriptions and exceptions are left out on purpose: they can carry host names or connection details,
/// and the endpoint needs no authentication (the log has the details).
/// </summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return context.Response.WriteAsJsonAsync(body, JsonSerializerOptions.Web, contentType: "application/json", context.RequestAborted);
    }
}
