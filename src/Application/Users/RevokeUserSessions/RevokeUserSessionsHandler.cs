using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Application.Users.RevokeUserSessions;

internal sealed class RevokeUserSessionsHandler(IApplicationDbContext db, SessionRevoker revoker)
    : ICommandHandler<RevokeUserSessionsCommand, Unit>
{
    public async ValueTask<Unit> Handle(RevokeUserSessionsCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, cancellationToken)
            ?? throw new NotFoundException($"User '{command.UserId}' was not found.");
        user.RevokeSessions();
        await db.SaveChangesAsync(cancellationToken);
        await revoker.EndAllSessionsAsync(user, cancellationToken);
        return Unit.Value;
    }
}
