using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orchestrator.Domain.Users;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>
/// Makes the first save that changes a user row, in a request that carries <see cref="Header"/>, lose an
/// optimistic-concurrency race, as a parallel writer of the same row would, so the login decides again.
/// (Inserts such as audit events cannot lose such a race, so they are left alone.)
/// </summary>
public sealed class InjectedLoginConflict(IHttpContextAccessor accessor) : SaveChangesInterceptor
{
    public const string Header = "X-Test-Conflict-Once";

    private static readonly object Injected = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (accessor.HttpContext is { } context && context.Request.Headers.ContainsKey(Header)
            && eventData.Context?.ChangeTracker.Entries<User>().Any(e => e.State == EntityState.Modified) == true
            && context.Items.TryAdd(Injected, true))
        {
            throw new DbUpdateConcurrencyException("Injected: another writer changed the row first.");
        }

        return ValueTask.FromResult(result);
    }
}
