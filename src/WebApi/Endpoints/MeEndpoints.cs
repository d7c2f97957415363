using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Account.ChangePassword;
using Orchestrator.Application.Account.ConfirmTotp;
using Orchestrator.Application.Account.DisableTotp;
using Orchestrator.Application.Account.EnrollTotp;
using Orchestrator.Application.Users.GetCurrentUser;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.Requests;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>The signed-in user's own account (<c>/api/v1/me</c>).</summary>
public static class MeEndpoints
{
    public const string Tag = "Me";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet(string.Empty, Get).Sends<GetCurrentUserQuery>();
        group.MapPost("password", ChangePassword).Sends<ChangePasswordCommand>();
        group.MapPost("mfa/totp", EnrollTotp).Sends<EnrollTotpCommand>();
        group.MapPost("mfa/totp/confirm", ConfirmTotp).Sends<ConfirmTotpCommand>();
        group.MapDelete("mfa/totp", DisableTotp).Sends<DisableTotpCommand>();
    }

    /// <summary>Who am I: id, username, role and whether MFA is on (any signed-in user).</summary>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<CurrentUserDto> Get([FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetCurrentUserQuery(), cancellationToken);

    /// <summary>Change your password; every session of yours ends, this one included.</summary>
    /// <param name="body">The current and the new password (15 to 128 characters, not common, not containing the username).</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<NoContent> ChangePassword(JsonBody<ChangePasswordBody> body, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new ChangePasswordCommand(body.Value.CurrentPassword, body.Value.NewPassword), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Start TOTP enrolment: the secret and an otpauth:// URI for the authenticator app.</summary>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<TotpEnrolment> EnrollTotp([FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new EnrollTotpCommand(), cancellationToken);

    /// <summary>Confirm enrolment with a current code: MFA is on, and logins need <c>otp</c>.</summary>
    /// <param name="body">The code.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<NoContent> ConfirmTotp(JsonBody<TotpCodeBody> body, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new ConfirmTotpCommand(body.Value.Code), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Turn TOTP off, proven with a current code.</summary>
    /// <param name="body">The code.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<NoContent> DisableTotp(JsonBody<TotpCodeBody> body, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DisableTotpCommand(body.Value.Code), cancellationToken);
        return TypedResults.NoContent();
    }
}
