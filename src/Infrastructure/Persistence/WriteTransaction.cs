using Microsoft.EntityFrameworkCore.Storage;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// A transaction begun in the writer's turn (<see cref="AppDbContext.BeginWriteTransactionAsync"/>): disposing it rolls back
/// what was not committed and then ends the turn, on every path out of its scope.
/// </summary>
internal sealed class WriteTransaction(IDbContextTransaction transaction, IDisposable? turn) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            turn?.Dispose();
        }
    }
}
