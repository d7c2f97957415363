using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Account.Common;

internal static class CurrentAccount
{
    /// <summary>The signed-in user's account, tracked for changes; 401 when it no longer exists.</summary>
    public static async Task<User> LoadAsync(this DbSet<User> users, ICurrentUser currentUser, CancellationToken cancellationToken) =>
        await users.FirstOrDefaultAsync(u => u.Id == currentUser.UserId, cancellationToken)
            ?? throw new UnauthenticatedException();
}
