using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Common.Sessions;

public sealed record IssuedSession(string AccessToken, int ExpiresIn, string RefreshToken);

/// <summary>Starts and continues sessions: an access token plus a refresh token of the login's family.</summary>
public sealed class SessionIssuer(IApplicationDbContext db, IAccessTokenIssuer accessTokens, IOptions<SessionOptions> options, TimeProvider clock)
{
    public IssuedSession StartSession(User user)
    {
        var refresh = RefreshTokenValue.New();
        db.RefreshTokens.Add(RefreshToken.StartFamily(user.Id, RefreshTokenValue.Hash(refresh), clock.GetUtcNow(), IdleTime, AbsoluteTime));
        return Issue(user, refresh);
    }

    public IssuedSession ContinueSession(User user, RefreshToken spent)
    {
        var refresh = RefreshTokenValue.New();
        db.RefreshTokens.Add(spent.Successor(RefreshTokenValue.Hash(refresh), clock.GetUtcNow(), IdleTime));
        return Issue(user, refresh);
    }

    private TimeSpan IdleTime => TimeSpan.FromMinutes(options.Value.IdleMinutes);

    private TimeSpan AbsoluteTime => TimeSpan.FromHours(options.Value.AbsoluteHours);

    private IssuedSession Issue(User user, string refresh)
    {
        var access = accessTokens.Issue(user);
        return new IssuedSession(access.Token, access.ExpiresInSeconds, refresh);
    }
}
