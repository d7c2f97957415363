using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Account.ChangePassword;
using Orchestrator.Application.Account.ConfirmTotp;
using Orchestrator.Application.Account.DisableTotp;
using Orchestrator.Application.Account.EnrollTotp;
using Orchestrator.Application.Quotas.ListMyQuotas;
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
        group.MapQuery<ListMyQuotasQuery, QuotaList>("quotas")
            .WithSummary("Your quotas per resource type: limit, used, remaining and window, as your next creation would meet them (any signed-in user; reading consumes nothing).");
    }

    /// <summary>Who am I: id, username, role and whether MFA is on (any signed-in user).</summary>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<CurrentUserDto> Get([FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetCurrentUserQuery(), cancellationToken);

    /// <summary>Change your password; every session of yours ends, this one included. A wrong current password counts toward the lockout.</summary>
    /// <param name="body">The current and the new password (15 to 128 characters, not common, not containing the username).</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<NoContent> ChangePassword(JsonBody<ChangePasswordBody> body, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new ChangePasswordCommand(body.Value.CurrentPassword, body.Value.NewPassword), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Start TOTP enrolment, proven with the current password: the secret and an otpauth:// URI for the authenticator app.
    /// A wrong password counts toward the account's lockout like a failed login.
    /// </summary>
    /// <param name="body">The current password.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<TotpEnrolment> EnrollTotp(JsonBody<CurrentPasswordBody> body, [FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new EnrollTotpCommand(body.Value.CurrentPassword), cancellationToken);

    /// <summary>
    /// Confirm enrolment with a current code: MFA is on, logins need <c>otp</c>, and the answer holds 10 single-use
    /// recovery codes, shown only this once (each works once in place of a code). A wrong code counts toward the lockout.
    /// </summary>
    /// <param name="body">The code.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<RecoveryCodeList> ConfirmTotp(JsonBody<TotpCodeBody> body, [FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new ConfirmTotpCommand(body.Value.Code), cancellationToken);

    /// <summary>
    /// Turn TOTP off, proven with the current password and an unused code from the authenticator or a recovery code.
    /// A wrong password or code counts toward the account's lockout like a failed login.
    /// </summary>
    /// <param name="body">The current password and the code.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<NoContent> DisableTotp(JsonBody<DisableTotpBody> body, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DisableTotpCommand(body.Value.CurrentPassword, body.Value.Code), cancellationToken);
        return TypedResults.NoContent();
    }
}
