using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Application.Common.Telemetry;
using Orchestrator.Domain.Audit;

namespace Orchestrator.Application.Authentication.IssueToken;

/// <summary>
/// The refresh grant with rotation (RFC 9700 4.14): each refresh token is spent by one use and replaced;
/// presenting a spent or revoked one revokes its whole family, so a stolen token dies with its copy.
/// </summary>
internal sealed class RefreshTokenGrant(
    IApplicationDbContext db,
    SessionIssuer sessions,
    SessionRevoker revoker,
    IAuditLog auditLog,
    TimeProvider clock)
{
    private static readonly TokenResult InvalidToken = TokenResult.Failure("invalid_grant", "The refresh token is invalid, expired or revoked.");

    public async Task<TokenResult> IssueAsync(IssueTokenCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.RefreshToken))
        {
            return TokenResult.Failure("invalid_request", "refresh_token is required.");
        }

        var hash = RefreshTokenValue.Hash(command.RefreshToken);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null)
        {
            return InvalidToken;
        }

        var now = clock.GetUtcNow();
        if (token.SpentAt is not null || token.RevokedAt is not null)
        {
            return await ReuseDetectedAsync(token.FamilyId, token.UserId, cancellationToken);
        }

        if (!token.IsUsable(now))
        {
            return InvalidToken;
        }

        // Two concurrent uses of one token: exactly one spends it; the other is a reuse.
        if (!await revoker.TrySpendAsync(token, cancellationToken))
        {
            return await ReuseDetectedAsync(token.FamilyId, token.UserId, cancellationToken);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId, cancellationToken);
        if (user is null || user.Disabled)
        {
            return InvalidToken;
        }

        var session = sessions.ContinueSession(user, token);
        await db.SaveChangesAsync(cancellationToken);
        await revoker.RevokeRotatedTokenIfFamilyRevokedAsync(token.FamilyId, cancellationToken);
        await auditLog.RecordAsync("token.refreshed", AuditOutcome.Success, null, $"user={user.Id}", cancellationToken);
        return TokenResult.Success(session.AccessToken, session.ExpiresIn, session.RefreshToken);
    }

    private async Task<TokenResult> ReuseDetectedAsync(Guid familyId, Guid userId, CancellationToken cancellationToken)
    {
        OrchestratorMetrics.RefreshTokenReused();
        await revoker.RevokeFamilyAsync(familyId, cancellationToken);
        await auditLog.RecordAsync("token.reuse-detected", AuditOutcome.Denied, null, $"user={userId} family revoked", cancellationToken);
        return InvalidToken;
    }
}
