using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.Infrastructure.Sessions;

/// <summary>Copies the database's revocation state (user token versions, unexpired revoked token ids) into the revocation store at start-up.</summary>
public sealed class TokenRevocationWarmup(AppDbContext db, ITokenRevocationStore store, TimeProvider clock)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var versions = await db.Users.AsNoTracking().Where(u => u.TokenVersion > 0)
            .Select(u => new { u.Id, u.TokenVersion }).ToListAsync(cancellationToken);
        foreach (var user in versions)
        {
            await store.SetUserTokenVersionAsync(user.Id, user.TokenVersion, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var revoked = await db.RevokedAccessTokens.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var token in revoked.Where(t => t.ExpiresAt > now))
        {
            await store.RevokeAsync(token.Jti, token.ExpiresAt, cancellationToken);
        }
    }
}
