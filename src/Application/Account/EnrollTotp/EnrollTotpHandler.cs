using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Account.Common;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Application.Account.EnrollTotp;

internal sealed class EnrollTotpHandler(IApplicationDbContext db, ICurrentUser currentUser, ITotpAuthenticator totp, Reauthentication reauthentication)
    : ICommandHandler<EnrollTotpCommand, TotpEnrolment>
{
    private const string Issuer = "Orchestrator";

    public async ValueTask<TotpEnrolment> Handle(EnrollTotpCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.LoadAsync(currentUser, cancellationToken);
        if (user.MfaEnabled)
        {
            throw new ConflictException("TOTP is already on; turn it off first to enrol a new device.");
        }

        // Without this a stolen token could bind the thief's authenticator and lock the owner out.
        var attempt = await reauthentication.VerifyPasswordAsync(user, command.CurrentPassword, cancellationToken);
        var secret = totp.NewSecret();
        user.BeginTotpEnrolment(secret);
        await db.SaveChangesAsync(cancellationToken);
        await reauthentication.SucceededAsync(attempt, cancellationToken);
        return new TotpEnrolment(secret, totp.OtpAuthUri(Issuer, user.Username, secret));
    }
}
