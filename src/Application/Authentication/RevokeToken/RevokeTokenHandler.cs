using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Authentication.RevokeToken;

/// <summary>
/// A refresh token revokes its whole family (RFC 7009 2.1); an access token of ours goes on the
/// deny-list until it expires. The hint only decides which is tried first.
/// </summary>
internal sealed class RevokeTokenHandler(
    IApplicationDbContext db,
    IAccessTokenIssuer accessTokens,
    ITokenRevocationStore revocations,
    SessionRevoker revoker,
    IAuditLog auditLog,
    TimeProvider clock) : ICommandHandler<RevokeTokenCommand, Unit>
{
    public async ValueTask<Unit> Handle(RevokeTokenCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.Token) || command.Token.Length > 8192)
        {
            return Unit.Value;
        }

        var revoked = command.TokenTypeHint == "access_token"
            ? await TryRevokeAccessTokenAsync(command.Token, cancellationToken) || await TryRevokeRefreshTokenAsync(command.Token, cancellationToken)
            : await TryRevokeRefreshTokenAsync(command.Token, cancellationToken) || await TryRevokeAccessTokenAsync(command.Token, cancellationToken);
        if (revoked)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }

    private async Task<bool> TryRevokeRefreshTokenAsync(string token, CancellationToken cancellationToken)
    {
        var hash = RefreshTokenValue.Hash(token);
        var refresh = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (refresh is null)
        {
            return false;
        }

        await revoker.RevokeFamilyAsync(refresh.FamilyId, cancellationToken);
        await auditLog.RecordAsync("token.revoked", AuditOutcome.Success, null, $"user={refresh.UserId} refresh family", cancellationToken);
        return true;
    }

    private async Task<bool> TryRevokeAccessTokenAsync(string token, CancellationToken cancellationToken)
    {
        var identity = await accessTokens.ReadOwnTokenAsync(token);
        if (identity is null || identity.ExpiresAt <= clock.GetUtcNow())
        {
            return false;
        }

        if (!await db.RevokedAccessTokens.AnyAsync(t => t.Jti == identity.Jti, cancellationToken))
        {
            db.RevokedAccessTokens.Add(RevokedAccessToken.Create(identity.Jti, identity.ExpiresAt));
        }

        await revocations.RevokeAsync(identity.Jti, identity.ExpiresAt, cancellationToken);
        await auditLog.RecordAsync("token.revoked", AuditOutcome.Success, null, $"user={identity.UserId} access token", cancellationToken);
        return true;
    }
}
