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
