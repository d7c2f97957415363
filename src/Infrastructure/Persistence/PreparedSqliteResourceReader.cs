using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Persistence.Configurations;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Reads resources and their tags by id on SQLite with statements prepared once per connection: one resource for
/// requests that only read it, and a list page's rows once the page's ids are chosen
/// (docs/decisions/0039-a-page-read-by-its-ids.md).
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

    /// <summary>Where a row's tag key is (its value follows): after the resource's columns.</summary>
    private static readonly int TagKey = ResourceColumns.Length;

    /// <summary>Where a row's place in the ids asked is: after the tag's key and value.</summary>
    private static readonly int Asked = TagKey + 2;

    private static readonly string Columns =
        $"{string.Join(", ", ResourceColumns.Select(column => $"r.\"{column}\""))}, t.\"Key\", t.\"Value\"";

    private static readonly string ByIdSql =
        $"""
        SELECT {Columns}, 0
        FROM "Resources" AS r
        LEFT JOIN "ResourceTags" AS t ON t."ResourceId" = r."Id"
        WHERE r."Id" = $id
        """;

    // The ids come as one JSON array, so the statement's text, and its preparation, is the same for every page. Neither
    // statement has an ORDER BY: sorting the joined rows, each carrying every column of its resource, cost a page's read
    // about a third of its steps; the reader puts rows and tags in order as it reads them (ExecuteAsync), by each row's
    // place in the array (json_each's key), so that no row's id is read as text to find its resource.
    internal static readonly string ByIdsSql =
        $"""
        SELECT {Columns}, j.key
        FROM json_each($ids) AS j
        JOIN "Resources" AS r ON r."Id" = j.value
        LEFT JOIN "ResourceTags" AS t ON t."ResourceId" = r."Id"
        """;

    // SqliteAppDbContext stores DateTimeOffset through this converter; compiled once from EF's own expression.
    private static readonly Func<long, DateTimeOffset> DateTimeOffsetFromColumn =
        new DateTimeOffsetToBinaryConverter().ConvertFromProviderExpression.Compile();

    private readonly string _connectionString;
    private readonly IdleConnections<PreparedRead> _connections = new();

    public PreparedSqliteResourceReader(string connectionString) => _connectionString = KeptConnectionString(connectionString);

    /// <summary>The resource as stored, untracked, or null when there is none with this id.</summary>
    public async Task<Resource?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await ReadAsync(static (read, id, cancellationToken) => read.FindAsync(id, cancellationToken), id, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>
    /// The resources with these ids as stored, untracked, in the order of <paramref name="ids"/>; an id with no
    /// resource (forgotten since it was chosen) is left out.
    /// </summary>
    public Task<List<Resource>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult(new List<Resource>())
            : ReadAsync(static (read, ids, cancellationToken) => read.FindManyAsync(ids, cancellationToken), ids, cancellationToken);

    /// <summary>
    /// The connection string of a kept connection: read-only, so that it can never write whatever its statement says, and
    /// not pooled by the driver, since the kept connections are their own pool (<see cref="IdleConnections{T}"/>).
    /// </summary>
    internal static string KeptConnectionString(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    /// <summary>Opens one of this reader's connections, its page cache capped and the file mapped like every other connection.</summary>
    internal static SqliteConnection OpenConnection(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            SqliteConnectionMemory.Apply(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose() => _connections.Dispose();

    private async Task<List<Resource>> ReadAsync<TKey>(
        Func<PreparedRead, TKey, CancellationToken, Task<List<Resource>>> execute, TKey key, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_connections.IsDisposed, this);
        var read = _connections.Rent(() => PreparedRead.Open(_connectionString));
        try
        {
            var resources = await execute(read, key, cancellationToken);
            _connections.Return(read);
            return resources;
        }
        catch
        {
            // A connection that failed mid-read is not trusted with the next one.
            read.Dispose();
            throw;
        }
    }


    /// <summary>An open connection and its prepared statements, used by one read at a time.</summary>
    private sealed class PreparedRead : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _byId;
        private readonly SqliteParameter _id;
        private readonly SqliteCommand _byIds;
        private readonly SqliteParameter _ids;

        private PreparedRead(SqliteConnection connection)
        {
            _connection = connection;

            // EF stores a Guid key on SQLite as its upper-case text form; the parameters must compare equal to it.
            (_byId, _id) = Prepare(connection, ByIdSql, "$id");
            (_byIds, _ids) = Prepare(connection, ByIdsSql, "$ids");
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

        public Task<List<Resource>> FindAsync(Guid id, CancellationToken cancellationToken)
        {
            _id.Value = StoredId(id);
            return ExecuteAsync(_byId, [id], cancellationToken);
        }

        public Task<List<Resource>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        {
            _ids.Value = StoredIdsJson(ids);
            return ExecuteAsync(_byIds, ids, cancellationToken);
        }

        public void Dispose()
        {
            _byId.Dispose();
            _byIds.Dispose();
            _connection.Dispose();
        }

        private static (SqliteCommand Command, SqliteParameter Parameter) Prepare(SqliteConnection connection, string sql, string parameterName)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            var parameter = command.Parameters.Add(parameterName, SqliteType.Text);
            parameter.Value = string.Empty;
            command.Prepare();
            return (command, parameter);
        }

        // EF stores a Guid as upper-case text.
        private static string StoredId(Guid id) => string.Create(StoredIdLength, id, static (text, id) => WriteStoredId(text, id));

        /// <summary>The ids as one JSON array of their stored forms, written in place.</summary>
        private static string StoredIdsJson(IReadOnlyList<Guid> ids) =>
            string.Create(2 + (ids.Count * (StoredIdLength + 3)) - 1, ids, static (text, ids) =>
            {
                text[0] = '[';
                var at = 1;
                for (var i = 0; i < ids.Count; i++)
                {
                    text[at] = '"';
                    WriteStoredId(text.Slice(at + 1, StoredIdLength), ids[i]);
                    text[at + 1 + StoredIdLength] = '"';
                    text[at + 2 + StoredIdLength] = i < ids.Count - 1 ? ',' : ']';
                    at += StoredIdLength + 3;
                }
            });

        private const int StoredIdLength = 36;

        private static void WriteStoredId(Span<char> text, Guid id)
        {
            id.TryFormat(text, out _);
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = char.ToUpperInvariant(text[i]);
            }
        }

        /// <summary>
        /// The resources with the ids asked, in that order, each from its rows of the join (one per tag, one with no tag for a
        /// resource without), which may come in any order: its columns are read from the first, its tags from every one. A
        /// resource's tags are in key order (ordinal), as the EF mapping's never promised but this reader's always gave.
        /// </summary>
        private static async Task<List<Resource>> ExecuteAsync(SqliteCommand command, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        {
            var rows = new ResourceRow?[ids.Count];
            await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.Default, cancellationToken))
            {
                // Microsoft.Data.Sqlite's reads are synchronous whichever method is called.
                while (reader.Read())
                {
                    var asked = reader.GetInt32(Asked);
                    var row = rows[asked] ??= new ResourceRow(reader, ids[asked]);
                    if (!reader.IsDBNull(TagKey))
                    {
                        row.Tags.Add(new ResourceTag(reader.GetString(TagKey), reader.GetString(TagKey + 1)));
                    }
                }
            }

            var resources = new List<Resource>(ids.Count);
            foreach (var row in rows)
            {
                if (row is not null)
                {
                    resources.Add(row.Build());
                }
            }

            return resources;
        }
    }

    /// <summary>The columns of a resource's first row, kept until its tags are read; its id (column 0) is the one asked.</summary>
    private sealed class ResourceRow(SqliteDataReader reader, Guid id)
    {
        private readonly string _name = reader.GetString(1);
        private readonly ResourceType _type = Enum.Parse<ResourceType>(reader.GetString(2));
        private readonly string _region = reader.GetString(3);
        private readonly ResourceSpec _spec = ResourceDocumentColumns.SpecFromJson(reader.GetString(4));
        private readonly ResourceStatus _status = Enum.Parse<ResourceStatus>(reader.GetString(5));
        private readonly string? _statusReason = reader.IsDBNull(6) ? null : reader.GetString(6);
        private readonly string? _providerId = reader.IsDBNull(7) ? null : reader.GetString(7);
        private readonly Guid _ownerId = reader.GetGuid(8);
        private readonly DateTimeOffset _createdAt = DateTimeOffsetFromColumn(reader.GetInt64(9));
        private readonly DateTimeOffset _updatedAt = DateTimeOffsetFromColumn(reader.GetInt64(10));
        private readonly long _version = reader.GetInt64(11);
        private readonly ResourcePolicy _policy = ResourceDocumentColumns.PolicyFromJson(reader.GetString(12));
        private readonly string? _failureCode = reader.IsDBNull(13) ? null : reader.GetString(13);
        private readonly IReadOnlyDictionary<string, string> _outputs = ResourceDocumentColumns.OutputsFromJson(reader.GetString(14));
        private readonly IReadOnlyList<PostureReading> _posture = ResourceDocumentColumns.PostureFromJson(reader.GetString(15));
        private readonly DateTimeOffset? _expiresAt = reader.IsDBNull(16) ? null : DateTimeOffsetFromColumn(reader.GetInt64(16));
        private readonly bool _deletionProtection = reader.GetBoolean(17);
        private readonly DateTimeOffset? _expiryCheckAt = reader.IsDBNull(18) ? null : DateTimeOffsetFromColumn(reader.GetInt64(18));
        private readonly ResourceDrift? _drift = reader.IsDBNull(19) ? null : ResourceDocumentColumns.DriftFromJson(reader.GetString(19));
        private readonly DateTimeOffset? _driftCheckDueAt = reader.IsDBNull(20) ? null : DateTimeOffsetFromColumn(reader.GetInt64(20));

        public List<ResourceTag> Tags { get; } = [];

        public Resource Build()
        {
            Tags.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return Resource.Rehydrate(
                    id: id, name: _name, type: _type, region: _region, spec: _spec, status: _status, statusReason: _statusReason,
                    providerId: _providerId, ownerId: _ownerId, createdAt: _createdAt, updatedAt: _updatedAt, version: _version,
                    policy: _policy, failureCode: _failureCode, outputs: _outputs, posture: _posture, drift: _drift,
                    driftCheckDueAt: _driftCheckDueAt, tags: Tags)
                .WithLifecycle(_expiresAt, _deletionProtection, _expiryCheckAt);
        }
    }
}
