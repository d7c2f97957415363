using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Authentication.IssueToken;
using Orchestrator.Application.Authentication.RevokeToken;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.OpenApi;

namespace Orchestrator.WebApi.Controllers;

/// <summary>The OAuth2 token endpoint (RFC 6749), form-encoded, answering in RFC 6749's own JSON shapes.</summary>
[ApiController]
[AllowAnonymous]
[Route("token")]
[Produces("application/json")]
public sealed class TokenController(ISender sender) : ControllerBase
{
    /// <summary>
    /// Password grant (<c>grant_type=password&amp;username=..&amp;password=..[&amp;otp=123456]</c>) or refresh grant
    /// (<c>grant_type=refresh_token&amp;refresh_token=..</c>; the old refresh token is spent).
    /// </summary>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [HttpPost]
    [SendsRequest(typeof(IssueTokenCommand))]
    [ProducesResponseType(typeof(TokenResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(TokenErrorResponse), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(TokenErrorResponse), StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IActionResult> Issue(CancellationToken cancellationToken)
    {
        // RFC 6749 5.1: token responses must never be cached.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";

        var (form, error) = await ReadFormAsync(cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var result = await sender.Send(
            new IssueTokenCommand(
                form!["grant_type"].ToString(),
                form["username"].ToString(),
                form["password"].ToString(),
                form["otp"].ToString(),
                form["refresh_token"].ToString()),
            cancellationToken);

        return result.Succeeded
            ? Ok(new TokenResponse(result.AccessToken!, "Bearer", result.ExpiresIn, result.RefreshToken!))
            : BadRequest(new TokenErrorResponse(result.Error!, result.ErrorDescription));
    }

    /// <summary>
    /// Revoke a token (RFC 7009): <c>token=..[&amp;token_type_hint=refresh_token|access_token]</c>. A refresh token
    /// ends its whole login; an access token stops working at once. 200 also for unknown tokens.
    /// </summary>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(RevokeTokenCommand))]
    [HttpPost("revoke")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(TokenErrorResponse), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(TokenErrorResponse), StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IActionResult> Revoke(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var (form, error) = await ReadFormAsync(cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(form!["token"]))
        {
            return BadRequest(new TokenErrorResponse("invalid_request", "token is required."));
        }

        await sender.Send(new RevokeTokenCommand(form["token"].ToString(), form["token_type_hint"].ToString()), cancellationToken);
        return Ok();
    }

    private async Task<(IFormCollection? Form, IActionResult? Error)> ReadFormAsync(CancellationToken cancellationToken)
    {
        if (!Request.HasFormContentType)
        {
            return (null, StatusCode(
                StatusCodes.Status415UnsupportedMediaType,
                new TokenErrorResponse("invalid_request", "The token endpoints take application/x-www-form-urlencoded.")));
        }

        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return (null, BadRequest(new TokenErrorResponse("invalid_request", "The form could not be read.")));
        }

        // RFC 6749 3.2: parameters must not be sent more than once.
        return form.Any(field => field.Value.Count > 1)
            ? (null, BadRequest(new TokenErrorResponse("invalid_request", "A parameter was sent more than once.")))
            : (form, null);
    }
}
