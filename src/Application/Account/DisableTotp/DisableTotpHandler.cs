using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Account.Common;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Application.Account.DisableTotp;

internal sealed class DisableTotpHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    SecondFactor secondFactor,
    Reauthentication reauthentication,
    SessionRevoker revoker)
    : ICommandHandler<DisableTotpCommand, Unit>
{
    public async ValueTask<Unit> Handle(DisableTotpCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.LoadAsync(currentUser, cancellationToken);
        if (!user.MfaEnabled)
        {
            throw new ConflictException("TOTP is not on.");
        }

        var attempt = await reauthentication.VerifyPasswordAsync(user, command.CurrentPassword, cancellationToken);
        await reauthentication.VerifyCodeAsync(user, command.Code, cancellationToken);
        await secondFactor.RemoveRecoveryCodesAsync(user.Id, cancellationToken);
        user.DisableTotp();
        await db.SaveChangesAsync(cancellationToken);
        await reauthentication.SucceededAsync(attempt, cancellationToken);
        await revoker.EndAllSessionsAsync(user, cancellationToken);
        return Unit.Value;
    }
}
