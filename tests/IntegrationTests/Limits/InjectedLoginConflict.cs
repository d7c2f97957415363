using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>
/// Makes the first save of a request that carries <see cref="Header"/> lose an optimistic-concurrency race, as a
/// parallel writer of the same row would, so the pipeline's optimistic-concurrency behavior runs the request again.
/// </summary>
public sealed class InjectedLoginConflict(IHttpContextAccessor accessor) : SaveChangesInterceptor
{
    public const string Header = "X-Test-Conflict-Once";

    private static readonly object Injected = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (accessor.HttpContext is { } context && context.Request.Headers.ContainsKey(Header) && context.Items.TryAdd(Injected, true))
        {
            throw new DbUpdateConcurrencyException("Injected: another writer changed the row first.");
        }

        return ValueTask.FromResult(result);
    }
}
