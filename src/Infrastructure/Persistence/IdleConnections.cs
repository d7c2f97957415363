using System.Collections.Concurrent;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Connections of this process's own, kept open with their prepared statements between uses: one is rented per read and
/// comes back when the read is done. Reads do not await long between the two, so about one per busy thread is in use; a
/// burst beyond <see cref="MaxIdle"/> opens extra ones that are closed when they come back.
/// </summary>
internal sealed class IdleConnections<T> : IDisposable
    where T : class, IDisposable
{
    public const int MaxIdle = 16;

    private readonly ConcurrentBag<T> _idle = [];
    private volatile bool _disposed;

    public bool IsDisposed => _disposed;

    /// <summary>An idle connection, or a new one from <paramref name="open"/>.</summary>
    public T Rent(Func<T> open) => _idle.TryTake(out var idle) ? idle : open();

    /// <summary>Keeps the connection for the next read, or closes it when enough wait already (or all are being closed).</summary>
    public void Return(T connection)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
