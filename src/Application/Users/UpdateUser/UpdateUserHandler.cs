using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Application.Users.Common;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Common;

namespace Orchestrator.Application.Users.UpdateUser;

internal sealed class UpdateUserHandler(IApplicationDbContext db, SessionRevoker revoker, TypeAdapterConfig mapping)
    : ICommandHandler<UpdateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, cancellationToken)
            ?? throw new NotFoundException($"User '{command.UserId}' was not found.");
        var versionBefore = user.TokenVersion;
        var wasEnabledAdmin = user.Role == Role.Admin && !user.Disabled;

        if (command.Role is not null && RolePermissions.TryParseRole(command.Role, out var role))
        {
            user.ChangeRole(role);
        }

        if (command.Disabled is { } disabled)
        {
            user.SetDisabled(disabled);
        }

        // Nobody may remove the last working admin: the service would have nobody left to manage it. Two such changes
        // of different admins touch different rows, so each claims the guard row, read before the count: of two that
        // raced, the second to save fails and runs again on a count that sees the first (decision 0021).
        if (wasEnabledAdmin && (user.Role != Role.Admin || user.Disabled))
        {
            var guard = await db.ConcurrencyGuards.SingleAsync(g => g.Name == ConcurrencyGuard.EnabledAdmins, cancellationToken);
            var otherAdmins = await db.Users.CountAsync(u => u.Id != user.Id && u.Role == Role.Admin && !u.Disabled, cancellationToken);
            if (otherAdmins == 0)
            {
                throw new ConflictException("This is the last enabled admin; make another admin first.");
            }

            guard.Claim();
        }

        await db.SaveChangesAsync(cancellationToken);
        if (user.TokenVersion != versionBefore)
        {
            await revoker.EndAllSessionsAsync(user, cancellationToken);
        }

        return user.Adapt<UserDto>(mapping);
    }
}
