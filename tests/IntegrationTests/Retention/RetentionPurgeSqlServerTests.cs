using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orchestrator.Application.Retention;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Retention;

/// <summary>
/// Every purge rule and the lease translate to one bounded statement on SQL Server too, without a server: the connection
/// is never opened and each statement is captured instead of run.
/// </summary>
public sealed class RetentionPurgeSqlServerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_rule_is_one_bounded_DELETE_on_SQL_Server()
    {
        var captured = new StatementCapture();
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=unreachable.invalid;Database=Orchestrator;TrustServerCertificate=true")
            .UseFieldEncryption(new DesignTimeFieldEncryptor())
            .AddInterceptors(captured, new NeverOpen())
            .Options;
        await using var db = new SqlServerAppDbContext(options);

        var rules = RetentionPurgeRules.For(new RetentionOptions { AuditDays = 30 });
        foreach (var rule in rules)
        {
            await rule.DeleteBatchAsync(db, DateTimeOffset.UtcNow, 7, CancellationToken.None);
        }

        // One statement per rule, each a bounded DELETE.
        rules.Count.ShouldBe(7);
        captured.Statements.Count.ShouldBe(rules.Count);
        foreach (var statement in captured.Statements)
        {
            output.WriteLine(statement);
            statement.ShouldStartWith("DELETE", Case.Insensitive, statement);
            statement.ShouldContain("TOP(", Case.Insensitive, statement);
        }
    }

    private sealed class StatementCapture : DbCommandInterceptor
    {
        public ConcurrentQueue<string> Statements { get; } = new();

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Statements.Enqueue(command.CommandText.Trim());
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
        }
    }

    private sealed class NeverOpen : DbConnectionInterceptor
    {
        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());
    }
}
