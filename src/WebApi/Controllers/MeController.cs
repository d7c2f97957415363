using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Account.ChangePassword;
using Orchestrator.Application.Account.ConfirmTotp;
using Orchestrator.Application.Account.DisableTotp;
using Orchestrator.Application.Account.EnrollTotp;
using Orchestrator.Application.Users.GetCurrentUser;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.OpenApi;

namespace Orchestrator.WebApi.Controllers;

/// <summary>The signed-in user's own account.</summary>
[ApiController]
[Route("api/v1/me")]
[Produces("application/json")]
public sealed class MeController(ISender sender) : ControllerBase
{
    /// <summary>Who am I: id, username, role and whether MFA is on (any signed-in user).</summary>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [HttpGet]
    [SendsRequest(typeof(GetCurrentUserQuery))]
    [ProducesResponseType(typeof(CurrentUserDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<CurrentUserDto> Get(CancellationToken cancellationToken) =>
        await sender.Send(new GetCurrentUserQuery(), cancellationToken);

    /// <summary>Change your password; every session of yours ends, this one included.</summary>
    /// <param name="body">The current and the new password (15 to 128 characters, not common, not containing the username).</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(ChangePasswordCommand))]
    [HttpPost("password")]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> ChangePassword([FromBody] ChangePasswordBody body, CancellationToken cancellationToken)
    {
        await sender.Send(new ChangePasswordCommand(body.CurrentPassword, body.NewPassword), cancellationToken);
        return NoContent();
    }

    /// <summary>Start TOTP enrolment: the secret and an otpauth:// URI for the authenticator app.</summary>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(EnrollTotpCommand))]
    [HttpPost("mfa/totp")]
    [ProducesResponseType(typeof(TotpEnrolment), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<TotpEnrolment> EnrollTotp(CancellationToken cancellationToken) =>
        await sender.Send(new EnrollTotpCommand(), cancellationToken);

    /// <summary>Confirm enrolment with a current code: MFA is on, and logins need <c>otp</c>.</summary>
    /// <param name="body">The code.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(ConfirmTotpCommand))]
    [HttpPost("mfa/totp/confirm")]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> ConfirmTotp([FromBody] TotpCodeBody body, CancellationToken cancellationToken)
    {
        await sender.Send(new ConfirmTotpCommand(body.Code), cancellationToken);
        return NoContent();
    }

    /// <summary>Turn TOTP off, proven with a current code.</summary>
    /// <param name="body">The code.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(DisableTotpCommand))]
    [HttpDelete("mfa/totp")]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> DisableTotp([FromBody] TotpCodeBody body, CancellationToken cancellationToken)
    {
        await sender.Send(new DisableTotpCommand(body.Code), cancellationToken);
        return NoContent();
    }
}
