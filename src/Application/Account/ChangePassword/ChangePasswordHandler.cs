using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Account.Common;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Application.Users.Common;

namespace Orchestrator.Application.Account.ChangePassword;

internal sealed class ChangePasswordHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    IPasswordHasher passwordHasher,
    Reauthentication reauthentication,
    IPasswordStrengthEstimator strength,
    SessionRevoker revoker) : ICommandHandler<ChangePasswordCommand, Unit>
{
    public async ValueTask<Unit> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.LoadAsync(currentUser, cancellationToken);
        var attempt = await reauthentication.VerifyPasswordAsync(user, command.CurrentPassword, cancellationToken);

        if (command.NewPassword!.Contains(user.Username, StringComparison.OrdinalIgnoreCase))
        {
            throw RequestValidationException.ForField("newPassword", "'newPassword' must not contain the username.");
        }

        if (PasswordRules.WeaknessMessage(strength, command.NewPassword, user.Username, "newPassword") is { } weakness)
        {
            throw RequestValidationException.ForField("newPassword", weakness);
        }

        user.ChangePassword(passwordHasher.Hash(command.NewPassword));
        await db.SaveChangesAsync(cancellationToken);
        await reauthentication.SucceededAsync(attempt, cancellationToken);
        await revoker.EndAllSessionsAsync(user, cancellationToken);
        return Unit.Value;
    }
}
