using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Common.Sessions;

public sealed record IssuedSession(string AccessToken, int ExpiresIn, string RefreshToken);

/// <summary>Starts and continues sessions: an access token plus a refresh token of the login's family.</summary>
public sealed class SessionIssuer(IApplicationDbContext db, IAccessTokenIssuer accessTokens, IOptions<SessionOptions> options, TimeProvider clock)
{
    /// <summary>A new login's session; <paramref name="multiFactor"/> when the login proved a second factor.</summary>
    public IssuedSession StartSession(User user, bool multiFactor)
    {
        var refresh = RefreshTokenValue.New();
        db.RefreshTokens.Add(RefreshToken.StartFamily(user.Id, RefreshTokenValue.Hash(refresh), multiFactor, clock.GetUtcNow(), IdleTime, AbsoluteTime));
        return Issue(user, refresh, multiFactor);
    }

    /// <summary>
    /// The next token of <paramref name="spent"/>'s session: multi-factor only if its login was and the user still
    /// has MFA on, so a refresh never upgrades a session (decision 0022).
    /// </summary>
    public IssuedSession ContinueSession(User user, RefreshToken spent)
    {
        var refresh = RefreshTokenValue.New();
        db.RefreshTokens.Add(spent.Successor(RefreshTokenValue.Hash(refresh), clock.GetUtcNow(), IdleTime));
        return Issue(user, refresh, spent.MultiFactor && user.MfaEnabled);
    }

    private TimeSpan IdleTime => TimeSpan.FromMinutes(options.Value.IdleMinutes);

    private TimeSpan AbsoluteTime => TimeSpan.FromHours(options.Value.AbsoluteHours);

    private IssuedSession Issue(User user, string refresh, bool multiFactor)
    {
        var access = accessTokens.Issue(user, multiFactor);
        return new IssuedSession(access.Token, access.ExpiresInSeconds, refresh);
    }
}
