using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Orchestrator.Domain.Audit;

namespace Orchestrator.Infrastructure.Auditing;

/// <summary>Links new audit events onto the chain inside the context's open transaction, holding the chain head.</summary>
internal static class AuditChainLinker
{
    public static async Task LinkAsync(DbContext context, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        await using var command = HeadCommand(context, AuditChainSql.LockAndReadHead);
        long sequence;
        string hash;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The audit chain head row is missing; the database was not migrated.");
            }

            sequence = reader.GetInt64(0);
            hash = reader.GetString(1);
        }

        foreach (var auditEvent in events)
        {
            sequence++;
            var next = AuditChainHash.Compute(sequence, hash, auditEvent);
            auditEvent.LinkIntoChain(sequence, hash, next);
            hash = next;
        }

        await using var move = HeadCommand(context, AuditChainSql.MoveHead);
        AddParameter(move, "@sequence", sequence);
        AddParameter(move, "@hash", hash);
        await move.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand HeadCommand(DbContext context, string sql)
    {
        var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit events are linked only inside a transaction.");
        command.CommandText = sql;
        if (context.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        return command;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
