using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Application.Users.ResetUserMfa;

internal sealed class ResetUserMfaHandler(IApplicationDbContext db, SecondFactor secondFactor, SessionRevoker revoker)
    : ICommandHandler<ResetUserMfaCommand, Unit>
{
    public async ValueTask<Unit> Handle(ResetUserMfaCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, cancellationToken)
            ?? throw new NotFoundException($"User '{command.UserId}' was not found.");
        user.ResetMfa();
        await secondFactor.RemoveRecoveryCodesAsync(user.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await revoker.EndAllSessionsAsync(user, cancellationToken);
        return Unit.Value;
    }
}
