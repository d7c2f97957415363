using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Authentication.IssueToken;

internal sealed class IssueTokenHandler(IApplicationDbContext db, IPasswordHasher passwordHasher, IAccessTokenIssuer tokenIssuer)
    : ICommandHandler<IssueTokenCommand, TokenResult>
{
    /// <summary>One answer for an unknown user, a wrong password and a disabled account, so none can be told apart.</summary>
    private static readonly TokenResult InvalidCredentials =
        TokenResult.Failure("invalid_grant", "The username or password is incorrect.");

    public async ValueTask<TokenResult> Handle(IssueTokenCommand command, CancellationToken cancellationToken)
    {
        if (command.GrantType != "password")
        {
            return string.IsNullOrEmpty(command.GrantType)
                ? TokenResult.Failure("invalid_request", "grant_type is required.")
                : TokenResult.Failure("unsupported_grant_type", "Supported grant types: password.");
        }

        if (string.IsNullOrEmpty(command.Username) || string.IsNullOrEmpty(command.Password))
        {
            return TokenResult.Failure("invalid_request", "username and password are required.");
        }

        var username = User.NormalizeUsername(command.Username);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == username, cancellationToken);
        if (user is null)
        {
            // Spend the time a real check takes, so that timing does not reveal which usernames exist.
            passwordHasher.VerifyAgainstDummy(command.Password);
            return InvalidCredentials;
        }

        if (!passwordHasher.Verify(user.PasswordHash, command.Password) || user.Disabled)
        {
            return InvalidCredentials;
        }

        var token = tokenIssuer.Issue(user);
        return TokenResult.Success(token.Token, token.ExpiresInSeconds);
    }
}
