using Mediator;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Authentication.IssueToken;

/// <summary>
/// The OAuth2 token request (RFC 6749): password grant (with <c>otp</c> when MFA is on) or refresh_token grant. Not an
/// optimistic change: the password grant decides again itself when it loses a race, so that every answer keeps RFC 6749's shape.
/// </summary>
[AllowAnonymousRequest]
public sealed record IssueTokenCommand(string? GrantType, string? Username, string? Password, string? Otp, string? RefreshToken)
    : ICommand<TokenResult>;

/// <summary>Either tokens or an RFC 6749 section 5.2 error code.</summary>
public sealed record TokenResult(string? AccessToken, int ExpiresIn, string? RefreshToken, string? Error, string? ErrorDescription)
{
    public bool Succeeded => Error is null;

    public static TokenResult Success(string accessToken, int expiresIn, string refreshToken) =>
        new(accessToken, expiresIn, refreshToken, null, null);

    public static TokenResult Failure(string error, string description) => new(null, 0, null, error, description);
}
