using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Account.Common;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Application.Account.ConfirmTotp;

internal sealed class ConfirmTotpHandler(IApplicationDbContext db, ICurrentUser currentUser, ITotpAuthenticator totp)
    : ICommandHandler<ConfirmTotpCommand, Unit>
{
    public async ValueTask<Unit> Handle(ConfirmTotpCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.LoadAsync(currentUser, cancellationToken);
        if (user.PendingTotpSecret is null)
        {
            throw new ConflictException("No TOTP enrolment is in progress; start one first.");
        }

        if (!totp.TryVerify(user.PendingTotpSecret, command.Code, out var step))
        {
            throw RequestValidationException.ForField("code", "'code' does not match; check the authenticator's clock and try the next code.");
        }

        user.ConfirmTotp(step);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
