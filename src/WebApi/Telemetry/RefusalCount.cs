using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Telemetry;

namespace Orchestrator.WebApi.Telemetry;

/// <summary>Counts a 401, 403 or 429 problem; a 403's caller is passed on, in memory only, for the per-caller burst gauge.</summary>
public static class RefusalCount
{
    public static void Record(HttpContext context, int? status)
    {
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests)
        {
            var caller = status == StatusCodes.Status403Forbidden ? context.User.FindFirst(AccessTokenClaims.Subject)?.Value : null;
            OrchestratorMetrics.Refusal(status.Value, caller);
        }
    }
}
