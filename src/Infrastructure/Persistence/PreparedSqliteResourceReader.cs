using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Orchestrator.Application.Resources.ListResources;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Persistence.Configurations;
using SQLitePCL;

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
    // about a third of its steps; the reader puts rows and tags in order as it reads them (Execute), by each row's
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
    public Task<Resource?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = Read(static (read, id) => read.Find(id), id, cancellationToken);
        return Task.FromResult(found.Count == 0 ? null : found[0]);
    }

    /// <summary>
    /// The resources with these ids as stored, untracked, in the order of <paramref name="ids"/>; an id with no
    /// resource (forgotten since it was chosen) is left out.
    /// </summary>
    public Task<List<Resource>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        Task.FromResult(ids.Count == 0 ? [] : Read(static (read, ids) => read.FindMany(ids), ids, cancellationToken));

    /// <summary>
    /// The connection string of a kept connection: read-only, so that it can never write whatever its statement says, and
    /// not pooled by the driver, since the kept connections are their own pool (<see cref="IdleConnections{T}"/>).
    /// </summary>
    internal static string KeptConnectionString(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    /// <summary>
    /// Opens a kept connection for EF's statements (<see cref="SqliteKeptStatements"/>), its page cache capped and the file
    /// mapped like every other connection; this reader's own are SQLite's (<see cref="SqliteSingleThreadReads.OpenReadOnly"/>).
    /// </summary>
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

    // SQLite's reads are synchronous: the tasks are complete when returned, as Microsoft.Data.Sqlite's were.
    private List<Resource> Read<TKey>(Func<PreparedRead, TKey, List<Resource>> execute, TKey key, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_connections.IsDisposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var read = _connections.Rent(() => PreparedRead.Open(_connectionString));
        try
        {
            var resources = execute(read, key);
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

    /// <summary>
    /// An open connection and its prepared statements, used by one read at a time. The connection and statements are
    /// SQLite's own (SQLitePCL.raw): a row's columns are read where SQLite keeps them, so a JSON document, an id or an
    /// enum's name is parsed from its UTF-8 bytes rather than first copied into a string, and a column is one or two calls
    /// into SQLite rather than Microsoft.Data.Sqlite's checks around each (ADR 0057), without a lock or a handle's
    /// reference count around each (<see cref="SqliteSingleThreadReads"/>, ADR 0060).
    /// </summary>
    private sealed class PreparedRead : IDisposable
    {
        private readonly sqlite3 _connection;
        private readonly sqlite3_stmt _byId;
        private readonly sqlite3_stmt _byIds;

        // The ids' JSON, written again for each read (one read at a time uses this connection); sized for the largest page,
        // the most ids a read is asked for.
        private readonly ArrayBufferWriter<byte> _ids = new(StoredIdsJsonLength(ListResourcesQuery.MaxPageSize));

        private PreparedRead(sqlite3 connection)
        {
            _connection = connection;
            _byId = Prepare(connection, ByIdSql);
            try
            {
                _byIds = Prepare(connection, ByIdsSql);
            }
            catch
            {
                _byId.Dispose();
                throw;
            }
        }

        public static PreparedRead Open(string connectionString)
        {
            var connection = SqliteSingleThreadReads.OpenReadOnly(connectionString);
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

        public List<Resource> Find(Guid id)
        {
            Span<byte> stored = stackalloc byte[StoredIdLength];
            WriteStoredId(stored, id);
            return Execute(_byId, stored, [id]);
        }

        public List<Resource> FindMany(IReadOnlyList<Guid> ids)
        {
            _ids.ResetWrittenCount();
            var json = _ids.GetSpan(StoredIdsJsonLength(ids.Count))[..StoredIdsJsonLength(ids.Count)];
            WriteStoredIdsJson(json, ids);
            return Execute(_byIds, json, ids);
        }

        public void Dispose()
        {
            _byId.Dispose();
            _byIds.Dispose();
            _connection.Dispose();
        }

        private static sqlite3_stmt Prepare(sqlite3 connection, string sql)
        {
            var rc = raw.sqlite3_prepare_v2(connection, sql, out var statement);
            if (rc == raw.SQLITE_OK && statement is not null)
            {
                return statement;
            }

            statement?.Dispose();
            throw Failure(rc, raw.SQLITE_OK, connection);
        }

        private static int StoredIdsJsonLength(int count) => 2 + (count * (StoredIdLength + 3)) - 1;

        /// <summary>The ids as one JSON array of their stored forms.</summary>
        private static void WriteStoredIdsJson(Span<byte> json, IReadOnlyList<Guid> ids)
        {
            json[0] = (byte)'[';
            var at = 1;
            for (var i = 0; i < ids.Count; i++)
            {
                json[at] = (byte)'"';
                WriteStoredId(json.Slice(at + 1, StoredIdLength), ids[i]);
                json[at + 1 + StoredIdLength] = (byte)'"';
                json[at + 2 + StoredIdLength] = i < ids.Count - 1 ? (byte)',' : (byte)']';
                at += StoredIdLength + 3;
            }
        }

        private const int StoredIdLength = 36;

        // EF stores a Guid key on SQLite as its upper-case text form; the parameters must compare equal to it.
        private static void WriteStoredId(Span<byte> text, Guid id)
        {
            id.TryFormat(text, out _);
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] is >= (byte)'a' and <= (byte)'f')
                {
                    text[i] -= 'a' - 'A';
                }
            }
        }

        /// <summary>
        /// The resources with the ids asked, in that order, each from its rows of the join (one per tag, one with no tag for a
        /// resource without), which may come in any order: its columns are read from the first, its tags from every one. A
        /// resource's tags are in key order (ordinal), as the EF mapping's never promised but this reader's always gave.
        /// </summary>
        private List<Resource> Execute(sqlite3_stmt statement, ReadOnlySpan<byte> parameter, IReadOnlyList<Guid> ids)
        {
            var rows = new ResourceRow?[ids.Count];
            try
            {
                Check(raw.sqlite3_bind_text(statement, 1, parameter), raw.SQLITE_OK);
                // The statement lives as long as this read's connection, which no other read uses meanwhile.
                var row = new StoredRow(statement.DangerousGetHandle());
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    var asked = row.Int32(Asked);
                    var resource = rows[asked] ??= new ResourceRow(row, ids[asked]);
                    if (!row.IsNull(TagKey))
                    {
                        resource.Tags.Add(new ResourceTag(row.String(TagKey), row.String(TagKey + 1)));
                    }
                }

                Check(rc, raw.SQLITE_DONE);
            }
            finally
            {
                // Ends the statement's read, so that it holds no snapshot of the file between reads.
                raw.sqlite3_reset(statement);
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

        private void Check(int rc, int expected)
        {
            if (rc != expected)
            {
                throw Failure(rc, expected, _connection);
            }
        }

        /// <summary>SQLite's error for the code, with its message, as Microsoft.Data.Sqlite would raise it.</summary>
        private static SqliteException Failure(int rc, int expected, sqlite3 connection)
        {
            SqliteException.ThrowExceptionForRC(rc, connection);
            return new SqliteException($"SQLite answered {rc} where {expected} was expected.", rc);
        }
    }

    /// <summary>The current row of a stepped statement; a text column is read as the UTF-8 bytes SQLite holds.</summary>
    private readonly struct StoredRow(nint statement)
    {
        public bool IsNull(int column) => SqliteSingleThreadReads.IsNull(statement, column);

        public ReadOnlySpan<byte> Utf8(int column) => SqliteSingleThreadReads.Bytes(statement, column);

        public string String(int column) => Encoding.UTF8.GetString(Utf8(column));

        public string? NullableString(int column) => IsNull(column) ? null : String(column);

        public long Int64(int column) => SqliteSingleThreadReads.Int64(statement, column);

        public int Int32(int column) => SqliteSingleThreadReads.Int32(statement, column);

        public DateTimeOffset DateTimeOffset(int column) => DateTimeOffsetFromColumn(Int64(column));

        public DateTimeOffset? NullableDateTimeOffset(int column) => IsNull(column) ? null : DateTimeOffset(column);

        public Guid Guid(int column)
        {
            var text = Utf8(column);
            return text.Length == StoredGuidLength && Utf8Parser.TryParse(text, out Guid value, out _)
                ? value
                : throw new FormatException($"Column {column} does not hold a stored id.");
        }

        /// <summary>An enum stored by its name (EF's string conversion), parsed as <see cref="Enum.Parse{TEnum}(string)"/> does.</summary>
        public TEnum Enum<TEnum>(int column)
            where TEnum : struct, Enum
        {
            var bytes = Utf8(column);
            Span<char> name = stackalloc char[Math.Min(bytes.Length, MaxEnumName)];
            return bytes.Length <= MaxEnumName && Encoding.UTF8.TryGetChars(bytes, name, out var written)
                ? System.Enum.Parse<TEnum>(name[..written])
                : throw new FormatException($"Column {column} does not hold a {typeof(TEnum).Name}.");
        }

        private const int StoredGuidLength = 36;

        private const int MaxEnumName = 64;
    }

    /// <summary>The columns of a resource's first row, kept until its tags are read; its id (column 0) is the one asked.</summary>
    private sealed class ResourceRow(StoredRow row, Guid id)
    {
        private readonly string _name = row.String(1);
        private readonly ResourceType _type = row.Enum<ResourceType>(2);
        private readonly string _region = row.String(3);
        private readonly ResourceSpec _spec = ResourceDocumentColumns.SpecFromJson(row.Utf8(4));
        private readonly ResourceStatus _status = row.Enum<ResourceStatus>(5);
        private readonly string? _statusReason = row.NullableString(6);
        private readonly string? _providerId = row.NullableString(7);
        private readonly Guid _ownerId = row.Guid(8);
        private readonly DateTimeOffset _createdAt = row.DateTimeOffset(9);
        private readonly DateTimeOffset _updatedAt = row.DateTimeOffset(10);
        private readonly long _version = row.Int64(11);
        private readonly ResourcePolicy _policy = ResourceDocumentColumns.PolicyFromJson(row.Utf8(12));
        private readonly string? _failureCode = row.NullableString(13);
        private readonly IReadOnlyDictionary<string, string> _outputs = ResourceDocumentColumns.OutputsFromJson(row.Utf8(14));
        private readonly IReadOnlyList<PostureReading> _posture = ResourceDocumentColumns.PostureFromJson(row.Utf8(15));
        private readonly DateTimeOffset? _expiresAt = row.NullableDateTimeOffset(16);
        private readonly bool _deletionProtection = row.Int64(17) != 0;
        private readonly DateTimeOffset? _expiryCheckAt = row.NullableDateTimeOffset(18);
        private readonly ResourceDrift? _drift = row.IsNull(19) ? null : ResourceDocumentColumns.DriftFromJson(row.Utf8(19));
        private readonly DateTimeOffset? _driftCheckDueAt = row.NullableDateTimeOffset(20);

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
