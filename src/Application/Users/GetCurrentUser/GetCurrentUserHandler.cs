using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.GetCurrentUser;

internal sealed class GetCurrentUserHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<GetCurrentUserQuery, CurrentUserDto>
{
    public async ValueTask<CurrentUserDto> Handle(GetCurrentUserQuery query, CancellationToken cancellationToken)
    {
        // Only the four columns the answer needs: no credentials are read, let alone decrypted.
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == currentUser.UserId)
            .Select(u => new { u.Id, u.Username, u.Role, u.MfaEnabled })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new UnauthenticatedException();
        return new CurrentUserDto(user.Id, user.Username, user.Role.ToWireName(), user.MfaEnabled);
    }
}
