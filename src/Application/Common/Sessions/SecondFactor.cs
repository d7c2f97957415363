using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Common.Sessions;

/// <summary>
/// The second factor of an account with MFA on: a TOTP code of a time step not used yet, or one of the account's unused
/// recovery codes. Accepting one marks it used on the tracked entities (the step moves, the code's row is deleted), so the
/// save that commits what it opens fails with a concurrency conflict when a parallel request used it first.
/// </summary>
public sealed class SecondFactor(IApplicationDbContext db, ITotpAuthenticator totp)
{
    public async Task<bool> TryUseAsync(User user, string? code, CancellationToken cancellationToken)
    {
        if (!user.MfaEnabled || user.TotpSecret is null)
        {
            return false;
        }

        if (code is { Length: 6 } && code.All(char.IsAsciiDigit))
        {
            return totp.TryVerify(user.TotpSecret, code, out var step) && user.TryUseTotpStep(step);
        }

        if (RecoveryCode.HashOf(user.Id, code) is not { } hash)
        {
            return false;
        }

        var row = await db.RecoveryCodes.FirstOrDefaultAsync(c => c.UserId == user.Id && c.CodeHash == hash, cancellationToken);
        if (row is null)
        {
            return false;
        }

        db.RecoveryCodes.Remove(row);
        return true;
    }

    /// <summary>Deletes every recovery code of the user with the next save (MFA turned off or enrolled again).</summary>
    public async Task RemoveRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken) =>
        db.RecoveryCodes.RemoveRange(await db.RecoveryCodes.Where(c => c.UserId == userId).ToListAsync(cancellationToken));
}
