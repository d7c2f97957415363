using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Authentication.IssueToken;
using Orchestrator.Application.Authentication.RevokeToken;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.Requests;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>The OAuth2 token endpoint (RFC 6749), form-encoded, answering in RFC 6749's own JSON shapes (<c>/token</c>).</summary>
public static class TokenEndpoints
{
    public const string Tag = "Token";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost(string.Empty, Issue).Sends<IssueTokenCommand>();
        group.MapPost("revoke", Revoke).Sends<RevokeTokenCommand>();
    }

    /// <summary>
    /// Password grant (<c>grant_type=password&amp;username=..&amp;password=..[&amp;otp=123456]</c>) or refresh grant
    /// (<c>grant_type=refresh_token&amp;refresh_token=..</c>; the old refresh token is spent).
    /// </summary>
    /// <param name="form">The form fields.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the caching headers go.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<Results<Ok<TokenResponse>, JsonHttpResult<TokenErrorResponse>>> Issue(
        TokenForm form, [FromServices] ISender sender, HttpResponse response, CancellationToken cancellationToken)
    {
        // RFC 6749 5.1: token responses must never be cached.
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        if (form.Error is { } error)
        {
            return error;
        }

        var result = await sender.Send(
            new IssueTokenCommand(form["grant_type"], form["username"], form["password"], form["otp"], form["refresh_token"]),
            cancellationToken);

        return result.Succeeded
            ? TypedResults.Ok(new TokenResponse(result.AccessToken!, "Bearer", result.ExpiresIn, result.RefreshToken!))
            : TypedResults.Json(new TokenErrorResponse(result.Error!, result.ErrorDescription), statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// Revoke a token (RFC 7009): <c>token=..[&amp;token_type_hint=refresh_token|access_token]</c>. A refresh token
    /// ends its whole login; an access token stops working at once. 200 also for unknown tokens.
    /// </summary>
    /// <param name="form">The form fields.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the caching header goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<Results<Ok, JsonHttpResult<TokenErrorResponse>>> Revoke(
        TokenForm form, [FromServices] ISender sender, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        if (form.Error is { } error)
        {
            return error;
        }

        if (form["token"].Length == 0)
        {
            return TypedResults.Json(new TokenErrorResponse("invalid_request", "token is required."), statusCode: StatusCodes.Status400BadRequest);
        }

        await sender.Send(new RevokeTokenCommand(form["token"], form["token_type_hint"]), cancellationToken);
        return TypedResults.Ok();
    }
}
