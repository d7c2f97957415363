using Mediator;

namespace Orchestrator.Application.Authentication.IssueToken;

/// <summary>Dispatches on grant_type; each grant has its own class.</summary>
internal sealed class IssueTokenHandler(PasswordGrant passwordGrant, RefreshTokenGrant refreshTokenGrant)
    : ICommandHandler<IssueTokenCommand, TokenResult>
{
    public async ValueTask<TokenResult> Handle(IssueTokenCommand command, CancellationToken cancellationToken) => command.GrantType switch
    {
        "password" => await passwordGrant.IssueAsync(command, cancellationToken),
        "refresh_token" => await refreshTokenGrant.IssueAsync(command, cancellationToken),
        null or "" => TokenResult.Failure("invalid_request", "grant_type is required."),
        _ => TokenResult.Failure("unsupported_grant_type", "Supported grant types: password, refresh_token."),
    };
}
