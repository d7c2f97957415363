using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Users.Common;

namespace Orchestrator.Application.Users.ListUsers;

internal sealed class ListUsersHandler(IApplicationDbContext db, TypeAdapterConfig mapping) : IQueryHandler<ListUsersQuery, UserPage>
{
    public async ValueTask<UserPage> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var total = await db.Users.CountAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.Username)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new UserPage(users.Adapt<List<UserDto>>(mapping), query.Page, query.PageSize, total);
    }
}
