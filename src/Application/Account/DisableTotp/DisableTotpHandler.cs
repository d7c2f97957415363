using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Account.Common;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Application.Account.DisableTotp;

internal sealed class DisableTotpHandler(IApplicationDbContext db, ICurrentUser currentUser, ITotpAuthenticator totp, SessionRevoker revoker)
    : ICommandHandler<DisableTotpCommand, Unit>
{
    public async ValueTask<Unit> Handle(DisableTotpCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.LoadAsync(currentUser, cancellationToken);
        if (!user.MfaEnabled)
        {
            throw new ConflictException("TOTP is not on.");
        }

        if (!totp.TryVerify(user.TotpSecret!, command.Code, out var step) || !user.TryUseTotpStep(step))
        {
            throw RequestValidationException.ForField("code", "'code' does not match or was already used.");
        }

        user.DisableTotp();
        await db.SaveChangesAsync(cancellationToken);
        await revoker.EndAllSessionsAsync(user, cancellationToken);
        return Unit.Value;
    }
}
