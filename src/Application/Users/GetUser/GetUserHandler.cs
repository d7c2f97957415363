using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Users.Common;

namespace Orchestrator.Application.Users.GetUser;

internal sealed class GetUserHandler(IApplicationDbContext db, TypeAdapterConfig mapping) : IQueryHandler<GetUserQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetUserQuery query, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == query.UserId, cancellationToken)
            ?? throw new NotFoundException($"User '{query.UserId}' was not found.");
        return user.Adapt<UserDto>(mapping);
    }
}
