using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// SQLite's BUSY/LOCKED after its lock wait ran out, SQL Server's deadlock victim or lock timeout, anywhere in the exception
/// chain; and SQLite's INTERRUPT, which a cancelled query raises (<see cref="SqliteStatementInterruption"/>).
/// </summary>
internal sealed class DatabaseBusySignal : IDatabaseBusySignal
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteInterrupt = 9;
    private const int SqlServerDeadlockVictim = 1205;
    private const int SqlServerLockTimeout = 1222;

    public bool IsBusy(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                case SqlException { Number: SqlServerDeadlockVictim or SqlServerLockTimeout }:
                    return true;
            }
        }

        return false;
    }

    public bool IsInterrupted(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException { SqliteErrorCode: SqliteInterrupt })
            {
                return true;
            }
        }

        return false;
    }
}
