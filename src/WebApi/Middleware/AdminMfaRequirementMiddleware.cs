using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Authorization;
using Orchestrator.WebApi.Endpoints;
using Orchestrator.WebApi.Errors;
using Orchestrator.WebApi.Security;

namespace Orchestrator.WebApi.Middleware;

/// <summary>
/// <c>Security:RequireMfaForAdmins</c> (OWASP ASVS 4.3.1): an admin whose access token does not say a second factor
/// was proved (<c>amr</c> without <c>mfa</c>) gets 403 <c>mfa-enrolment-required</c> on every endpoint whose
/// <see cref="OperationContract.AdminsNeedMfa"/> is true, that is everywhere but the <c>/me</c> group. The token's
/// own claim decides, not the user's current state, so a session signed in before enrolment never gains admin
/// permissions (decision 0022). Runs after authorization: an anonymous or unauthenticated request never gets here.
/// </summary>
public sealed class AdminMfaRequirementMiddleware(RequestDelegate next, IOptions<AdminMfaOptions> options, IProblemDetailsService problemDetails)
{
    public const string EnrolmentSteps =
        "Admins must sign in with MFA before using admin permissions. Turn it on: "
        + "1) POST /api/v1/me/mfa/totp with {\"currentPassword\": \"...\"} gives the secret and an otpauth:// URI for an authenticator app; "
        + "2) POST /api/v1/me/mfa/totp/confirm with {\"code\": \"<the app's current 6-digit code>\"} turns MFA on and returns recovery codes; "
        + "3) sign in again: POST /token with grant_type=password, username, password and otp=<a current code>.";

    private static readonly string AdminRole = Role.Admin.ToWireName();

    private readonly bool _required = options.Value.RequireMfaForAdmins;

    public Task InvokeAsync(HttpContext context)
    {
        if (!_required
            || context.GetEndpoint()?.Metadata.GetMetadata<OperationContract>() is not { AdminsNeedMfa: true } contract
            || !IsAdminWithoutSecondFactor(context.User))
        {
            return next(context);
        }

        return RefuseAsync(context, contract);
    }

    private static bool IsAdminWithoutSecondFactor(ClaimsPrincipal user) =>
        user.HasClaim(AccessTokenClaims.Role, AdminRole)
        && !user.HasClaim(AccessTokenClaims.AuthenticationMethods, AccessTokenClaims.MultiFactorMethod);

    private async Task RefuseAsync(HttpContext context, OperationContract contract)
    {
        await context.RequestServices.GetRequiredService<IAuditLog>().RecordAsync(
            "access.denied", AuditOutcome.Denied, resourceId: null, $"request={contract.RequestType.Name} mfa-enrolment-required", context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Type = ProblemTypes.MfaEnrolmentRequired,
                Title = "MFA enrolment required.",
                Detail = EnrolmentSteps,
            },
        });
    }
}
