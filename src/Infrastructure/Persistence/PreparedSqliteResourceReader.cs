using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Persistence.Configurations;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Reads one resource and its tags by id on SQLite with a statement prepared once per connection, for requests
/// that only read it.
/// </summary>
/// <remarks>
/// This load runs before every request about one resource, and through EF it was three quarters of a
/// <c>GET /api/v1/resources/{id}</c>: Microsoft.Data.Sqlite has no statement cache, so every execution parsed and
/// planned the statement again (<c>sqlite3_prepare_v2</c>), and EF closes its connection after each query, which
/// finalizes whatever was prepared on it. Here a few read-only connections stay open, each with its statement
/// prepared, and are handed to one read at a time. Changes still load through EF, tracked.
/// <para>
/// One statement, so the resource and its tags come from one snapshot. The policy grants are not read: they are
/// derived from the policy document (<see cref="Resource.Rehydrate"/>). The columns are read the way the EF
/// mapping reads them (<see cref="ResourceDocumentColumns"/>, the SQLite context's date conversion); a test
/// compares both readers on the same rows and fails when the mapping gains a column this reader does not read.
/// </para>
/// </remarks>
public sealed class PreparedSqliteResourceReader : IDisposable
{
    /// <summary>The columns read, in order: the test that guards this reader against the EF model reads them.</summary>
    internal static readonly string[] ResourceColumns =
    [
        "Id", "Name", "Type", "Region", "Spec", "Status", "StatusReason", "ProviderId",
        "OwnerId", "CreatedAt", "UpdatedAt", "Version", "Policy", "FailureCode", "Outputs", "Posture",
        "ExpiresAt", "DeletionProtection", "ExpiryCheckAt", "Drift", "DriftCheckDueAt",
    ];

    internal static readonly string[] TagColumns = ["ResourceId", "Key", "Value"];

    private static readonly string Sql =
        $"""
        SELECT {string.Join(", ", ResourceColumns.Select(column => $"r.\"{column}\""))}, t."Key", t."Value"
        FROM "Resources" AS r
        LEFT JOIN "ResourceTags" AS t ON t."ResourceId" = r."Id"
        WHERE r."Id" = $id
        ORDER BY t."Key"
        """;

    // SqliteAppDbContext stores DateTimeOffset through this converter; compiled once from EF's own expression.
    private static readonly Func<long, DateTimeOffset> DateTimeOffsetFromColumn =
        new DateTimeOffsetToBinaryConverter().ConvertFromProviderExpression.Compile();

    // Reads do not await between renting and returning a connection, so about one per busy thread is in use;
    // a burst beyond this many opens extra connections that are closed when they come back.
    private const int MaxIdleConnections = 16;

    private readonly string _connectionString;
    private readonly ConcurrentBag<PreparedRead> _idle = [];
    private bool _disposed;

    public PreparedSqliteResourceReader(string connectionString)
    {
        // Read-only: this path can never write, whatever its statement says. Not pooled: it is its own pool.
        var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        _connectionString = builder.ToString();
    }

    /// <summary>The resource as stored, untracked, or null when there is none with this id.</summary>
    public async Task<Resource?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var read = _idle.TryTake(out var idle) ? idle : PreparedRead.Open(_connectionString);
        try
        {
            var resource = await read.ExecuteAsync(id, cancellationToken);
            Return(read);
            return resource;
        }
        catch
        {
            // A connection that failed mid-read is not trusted with the next one.
            read.Dispose();
            throw;
        }
    }

    /// <summary>Opens one of this reader's connections, with the page cache capped like every other connection.</summary>
    internal static SqliteConnection OpenConnection(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            SqlitePageCacheLimit.Apply(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var read))
        {
            read.Dispose();
        }
    }

    private void Return(PreparedRead read)
    {
        if (_disposed || _idle.Count >= MaxIdleConnections)
        {
            read.Dispose();
            return;
        }

        _idle.Add(read);
    }

    /// <summary>An open connection and its prepared statement, used by one read at a time.</summary>
    private sealed class PreparedRead : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _id;

        private PreparedRead(SqliteConnection connection)
        {
            _connection = connection;
            _command = connection.CreateCommand();
            _command.CommandText = Sql;

            // EF stores a Guid key on SQLite as its upper-case text form; the parameter must compare equal to it.
            _id = _command.Parameters.Add("$id", SqliteType.Text);
            _id.Value = string.Empty;
            _command.Prepare();
        }

        public static PreparedRead Open(string connectionString)
        {
            var connection = OpenConnection(connectionString);
            try
            {
                return new PreparedRead(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public async Task<Resource?> ExecuteAsync(Guid id, CancellationToken cancellationToken)
        {
            _id.Value = id.ToString().ToUpperInvariant();
            await using var reader = await _command.ExecuteReaderAsync(CommandBehavior.Default, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            // The tags come last on purpose: arguments are evaluated in order, so every resource column is read from
            // the first row before reading the tags moves past it.
            var expiresAt = reader.IsDBNull(16) ? (DateTimeOffset?)null : DateTimeOffsetFromColumn(reader.GetInt64(16));
            var deletionProtection = reader.GetBoolean(17);
            var expiryCheckAt = reader.IsDBNull(18) ? (DateTimeOffset?)null : DateTimeOffsetFromColumn(reader.GetInt64(18));
            var resource = Resource.Rehydrate(
                id: reader.GetGuid(0),
                name: reader.GetString(1),
                type: Enum.Parse<ResourceType>(reader.GetString(2)),
                region: reader.GetString(3),
                spec: ResourceDocumentColumns.SpecFromJson(reader.GetString(4)),
                status: Enum.Parse<ResourceStatus>(reader.GetString(5)),
                statusReason: reader.IsDBNull(6) ? null : reader.GetString(6),
                providerId: reader.IsDBNull(7) ? null : reader.GetString(7),
                ownerId: reader.GetGuid(8),
                createdAt: DateTimeOffsetFromColumn(reader.GetInt64(9)),
                updatedAt: DateTimeOffsetFromColumn(reader.GetInt64(10)),
                version: reader.GetInt64(11),
                policy: ResourceDocumentColumns.PolicyFromJson(reader.GetString(12)),
                failureCode: reader.IsDBNull(13) ? null : reader.GetString(13),
                outputs: ResourceDocumentColumns.OutputsFromJson(reader.GetString(14)),
                posture: ResourceDocumentColumns.PostureFromJson(reader.GetString(15)),
                drift: reader.IsDBNull(19) ? null : ResourceDocumentColumns.DriftFromJson(reader.GetString(19)),
                driftCheckDueAt: reader.IsDBNull(20) ? null : DateTimeOffsetFromColumn(reader.GetInt64(20)),
                tags: await ReadTagsAsync(reader, cancellationToken));
            return resource.WithLifecycle(expiresAt, deletionProtection, expiryCheckAt);
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }

        /// <summary>The tags from this row on: one per row of the join, none when the resource has none.</summary>
        private static async Task<List<ResourceTag>> ReadTagsAsync(SqliteDataReader reader, CancellationToken cancellationToken)
        {
            var key = ResourceColumns.Length;
            var tags = new List<ResourceTag>();
            do
            {
                if (!reader.IsDBNull(key))
                {
                    tags.Add(new ResourceTag(reader.GetString(key), reader.GetString(key + 1)));
                }
            }
            while (await reader.ReadAsync(cancellationToken));

            return tags;
        }
    }
}
