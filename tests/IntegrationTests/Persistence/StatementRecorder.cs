using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// The statements a context runs, written as <c>ToQueryString</c> writes them (a <c>.param set</c> line per parameter, then the
/// SQL), so that <see cref="QueryPlan"/> explains what a compiled query, which has no <c>ToQueryString</c>, really ran.
/// </summary>
internal sealed class StatementRecorder : DbCommandInterceptor
{
    private readonly List<string> _statements = [];

    public IReadOnlyList<string> Statements => _statements;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        var parameters = command.Parameters.Cast<DbParameter>().Select(p => $".param set {p.ParameterName} '{p.Value}'\n");
        lock (_statements)
        {
            _statements.Add(string.Concat(parameters) + command.CommandText);
        }
    }
}
