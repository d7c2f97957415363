using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Application.Users.UnlockUser;

internal sealed class UnlockUserHandler(IApplicationDbContext db) : ICommandHandler<UnlockUserCommand, Unit>
{
    public async ValueTask<Unit> Handle(UnlockUserCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, cancellationToken)
            ?? throw new NotFoundException($"User '{command.UserId}' was not found.");
        user.Unlock();
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
