using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Common.Sessions;

/// <summary>Ends sessions: every refresh token of a user or of one family, and (through the token version) every access token.</summary>
public sealed class SessionRevoker(IApplicationDbContext db, ITokenRevocationStore revocations, TimeProvider clock)
{
    /// <summary>Call after the user's new token version is saved.</summary>
    public async Task EndAllSessionsAsync(User user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.RefreshTokens
            .Where(t => t.UserId == user.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken);
        await revocations.SetUserTokenVersionAsync(user.Id, user.TokenVersion, cancellationToken);
    }

    public async Task RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken);
    }

    /// <summary>
    /// Call after a rotation saved the family's new token. A reuse detected while the rotation was in flight
    /// revokes the family before the new token exists, so the new token would escape; this revokes it too.
    /// Any revocation either happened before this check (seen here) or after the new token was saved (covers it).
    /// </summary>
    public async Task RevokeRotatedTokenIfFamilyRevokedAsync(Guid familyId, CancellationToken cancellationToken)
    {
        if (await db.RefreshTokens.AnyAsync(t => t.FamilyId == familyId && t.RevokedAt != null, cancellationToken))
        {
            await RevokeFamilyAsync(familyId, cancellationToken);
        }
    }

    /// <summary>Spends a refresh token atomically: exactly one of several concurrent uses wins.</summary>
    public async Task<bool> TrySpendAsync(RefreshToken token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await db.RefreshTokens
            .Where(t => t.Id == token.Id && t.SpentAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.SpentAt, now), cancellationToken);
        return updated == 1;
    }
}
