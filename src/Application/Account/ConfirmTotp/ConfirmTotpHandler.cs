using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Account.Common;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Account.ConfirmTotp;

internal sealed class ConfirmTotpHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    ITotpAuthenticator totp,
    SecondFactor secondFactor,
    Reauthentication reauthentication,
    TimeProvider clock) : ICommandHandler<ConfirmTotpCommand, RecoveryCodeList>
{
    private const string WrongCode = "'code' does not match; check the authenticator's clock and try the next code.";

    public async ValueTask<RecoveryCodeList> Handle(ConfirmTotpCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.LoadAsync(currentUser, cancellationToken);
        if (user.PendingTotpSecret is null)
        {
            throw new ConflictException("No TOTP enrolment is in progress; start one first.");
        }

        // A wrong code counts like any other on /me: unlimited guesses would confirm an enrolment and hand out its recovery codes.
        var attempt = await reauthentication.BeginAsync(user, "code", WrongCode, cancellationToken);
        if (!totp.TryVerify(user.PendingTotpSecret, command.Code, out var step))
        {
            throw await reauthentication.FailedAsync(user, "code", WrongCode, "wrong enrolment code", cancellationToken);
        }

        user.ConfirmTotp(step);

        // Enrolling again replaces the codes of an earlier enrolment.
        await secondFactor.RemoveRecoveryCodesAsync(user.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var codes = new List<string>(RecoveryCode.CountPerEnrolment);
        for (var i = 0; i < RecoveryCode.CountPerEnrolment; i++)
        {
            var (code, row) = RecoveryCode.Issue(user.Id, now);
            codes.Add(code);
            db.RecoveryCodes.Add(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        await reauthentication.SucceededAsync(attempt, cancellationToken);
        return new RecoveryCodeList(codes);
    }
}
