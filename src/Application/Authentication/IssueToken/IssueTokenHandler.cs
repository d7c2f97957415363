using Mediator;
using Orchestrator.Application.Users.Common;

namespace Orchestrator.Application.Authentication.IssueToken;

/// <summary>Dispatches on grant_type; each grant has its own class.</summary>
internal sealed class IssueTokenHandler(PasswordGrant passwordGrant, RefreshTokenGrant refreshTokenGrant)
    : ICommandHandler<IssueTokenCommand, TokenResult>
{
    /// <summary>
    /// A username no account can have (longer than the column) is refused before the per-username throttle counts
    /// it or any password is hashed, so clients cannot make the throttle remember long keys
    /// (docs/decisions/0020-bounded-limiter-memory.md).
    /// </summary>
    private static readonly TokenResult UsernameTooLong = TokenResult.Failure(
        "invalid_request", $"username is longer than any account's (at most {UsernameRules.MaxLength} characters).");

    public async ValueTask<TokenResult> Handle(IssueTokenCommand command, CancellationToken cancellationToken) => command.GrantType switch
    {
        "password" when command.Username.AsSpan().Trim().Length > UsernameRules.MaxLength => UsernameTooLong,
        "password" => await passwordGrant.IssueAsync(command, cancellationToken),
        "refresh_token" => await refreshTokenGrant.IssueAsync(command, cancellationToken),
        null or "" => TokenResult.Failure("invalid_request", "grant_type is required."),
        _ => TokenResult.Failure("unsupported_grant_type", "Supported grant types: password, refresh_token."),
    };
}
