using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Users.Common;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Users.CreateUser;

internal sealed class CreateUserHandler(
    IApplicationDbContext db,
    IPasswordHasher passwordHasher,
    TimeProvider clock,
    TypeAdapterConfig mapping) : ICommandHandler<CreateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var username = User.NormalizeUsername(command.Username!);
        if (await db.Users.AnyAsync(u => u.Username == username, cancellationToken))
        {
            throw new ConflictException($"The username '{username}' is taken.");
        }

        RolePermissions.TryParseRole(command.Role, out var role);
        var now = clock.GetUtcNow();
        var user = User.Create(Guid.CreateVersion7(now), username, passwordHasher.Hash(command.Password!), role, now);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (db.IsUniqueConstraintViolation(exception))
        {
            throw new ConflictException($"The username '{username}' is taken.");
        }

        return user.Adapt<UserDto>(mapping);
    }
}
