using Microsoft.Net.Http.Headers;

namespace Orchestrator.WebApi.Errors;

/// <summary>
/// The <c>detail</c> of a 401 written for the JWT bearer challenge (its body comes from status-code pages):
/// it tells a client that sent no token how to get one, and one whose token was refused to get a new one.
/// </summary>
public static class BearerChallengeProblem
{
    public const string NoToken =
        "This request needs an access token: send 'Authorization: Bearer <access_token>' with a token from POST /token.";

    public const string TokenRefused =
        "The bearer token was not accepted (expired, revoked, malformed or not issued here); get a new one from POST /token.";

    public static string DetailFor(HttpContext context)
    {
        // The challenge itself answers WWW-Authenticate: Bearer; a body written later must not lose it.
        if (context.Response.Headers.WWWAuthenticate.Count == 0)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return context.Request.Headers.ContainsKey(HeaderNames.Authorization) ? TokenRefused : NoToken;
    }
}
