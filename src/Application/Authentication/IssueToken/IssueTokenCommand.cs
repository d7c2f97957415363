using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Authentication.IssueToken;

/// <summary>The OAuth2 token request (RFC 6749): password grant (with <c>otp</c> when MFA is on) or refresh_token grant.</summary>
[AllowAnonymousRequest]
public sealed record IssueTokenCommand(string? GrantType, string? Username, string? Password, string? Otp, string? RefreshToken)
    : ICommand<TokenResult>, IOptimisticChange;

/// <summary>Either tokens or an RFC 6749 section 5.2 error code.</summary>
public sealed record TokenResult(string? AccessToken, int ExpiresIn, string? RefreshToken, string? Error, string? ErrorDescription)
{
    public bool Succeeded => Error is null;

    public static TokenResult Success(string accessToken, int expiresIn, string refreshToken) =>
        new(accessToken, expiresIn, refreshToken, null, null);

    public static TokenResult Failure(string error, string description) => new(null, 0, null, error, description);
}
