using Mediator;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Authentication.IssueToken;

/// <summary>The OAuth2 token request (RFC 6749): answered with tokens or an RFC 6749 error, never a problem document.</summary>
[AllowAnonymousRequest]
public sealed record IssueTokenCommand(string? GrantType, string? Username, string? Password) : ICommand<TokenResult>;

/// <summary>Either tokens or an RFC 6749 section 5.2 error code.</summary>
public sealed record TokenResult(string? AccessToken, int ExpiresIn, string? Error, string? ErrorDescription)
{
    public bool Succeeded => Error is null;

    public static TokenResult Success(string accessToken, int expiresIn) => new(accessToken, expiresIn, null, null);

    public static TokenResult Failure(string error, string description) => new(null, 0, error, description);
}
