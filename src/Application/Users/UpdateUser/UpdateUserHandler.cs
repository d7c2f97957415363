using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Application.Users.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.UpdateUser;

internal sealed class UpdateUserHandler(IApplicationDbContext db, SessionRevoker revoker, TypeAdapterConfig mapping)
    : ICommandHandler<UpdateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, cancellationToken)
            ?? throw new NotFoundException($"User '{command.UserId}' was not found.");
        var versionBefore = user.TokenVersion;

        if (command.Role is not null && RolePermissions.TryParseRole(command.Role, out var role))
        {
            user.ChangeRole(role);
        }

        if (command.Disabled is { } disabled)
        {
            user.SetDisabled(disabled);
        }

        // Nobody may remove the last working admin: the service would have nobody left to manage it.
        if (user.Role != Role.Admin || user.Disabled)
        {
            var otherAdmins = await db.Users.CountAsync(u => u.Id != user.Id && u.Role == Role.Admin && !u.Disabled, cancellationToken);
            if (otherAdmins == 0 && await db.Users.AnyAsync(u => u.Id == user.Id && u.Role == Role.Admin && !u.Disabled, cancellationToken))
            {
                throw new ConflictException("This is the last enabled admin; make another admin first.");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (user.TokenVersion != versionBefore)
        {
            await revoker.EndAllSessionsAsync(user, cancellationToken);
        }

        return user.Adapt<UserDto>(mapping);
    }
}
