using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;
using Orchestrator.Domain.Users;
using Orchestrator.Infrastructure.Auditing;
using Orchestrator.Infrastructure.Persistence;
using OtpNet;

namespace Orchestrator.Bench.Scale;

/// <summary>
/// Seeds users through the service's context (so their TOTP secrets are encrypted by its interceptor), then resources,
/// tags, policy grants and audit events (linked into the hash chain from the head the users left) in bulk; the
/// provisioning backlog in a second step (<see cref="RunBacklogAsync"/>): domain factories for every row, one prepared
/// statement per table, big transactions, the secondary indexes dropped during the load and created again from their
/// own definitions after it.
/// </summary>
internal sealed class ScaleSeeder(AppDbContext db, IPasswordHasher passwordHasher, SeedCounts counts, TextWriter log)
{
    private const int RowsPerTransaction = 100_000;
    private static readonly string[] Regions = ["us-east-1", "eu-west-2", "eu-central-1", "ap-southeast-2"];
    private static readonly string[] Environments = ["dev", "staging", "prod"];
    private static readonly string[] BulkTables = ["Resources", "ResourceTags", "ResourcePolicyGrants", "AuditEvents", "ProvisioningJobs"];

    private readonly Random _random = new(30);
    private readonly DateTimeOffset _now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public async Task RunAsync(string userPassword, CancellationToken cancellationToken)
    {
        var users = await SeedUsersAsync(userPassword, cancellationToken);

        // The context's pooled connection must not hold the file while the load takes the write lock.
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY;");

        var (indexes, statistics) = DropSecondaryIndexes(connection);
        var watch = Stopwatch.StartNew();
        var chain = ReadChainHead(connection);
        var bulk = new BulkWriter(connection, db.Model);
        SeedFleet(bulk, users, ref chain);
        bulk.Finish();
        Execute(connection, $"UPDATE AuditChainHead SET LastSequence = {chain.Sequence}, LastHash = '{chain.Hash}' WHERE Id = 1;");
        log.WriteLine($"[seed] rows written in {watch.Elapsed.TotalSeconds:F0} s; creating {indexes.Count} indexes");

        watch.Restart();
        foreach (var (_, sql) in indexes)
        {
            Execute(connection, sql);
        }

        RestorePlannerStatistics(connection, statistics);

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        log.WriteLine($"[seed] indexes created in {watch.Elapsed.TotalSeconds:F0} s; audit chain head at {chain.Sequence}");
    }

    /// <summary>
    /// Adds the provisioning backlog to a fleet seeded before: pending buckets of the seeded users with their jobs and
    /// audit events, linked into the chain from its head. Seeded apart from the fleet so that the lists the bench measures
    /// read the fleet alone, and the worker finds its backlog when it starts.
    /// </summary>
    public async Task RunBacklogAsync(CancellationToken cancellationToken)
    {
        var users = await db.Users.Where(u => u.Username.StartsWith("scale")).OrderBy(u => u.Username).Select(u => u.Id).ToArrayAsync(cancellationToken);
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        var chain = ReadChainHead(connection);
        var bulk = new BulkWriter(connection, db.Model);
        SeedBacklog(bulk, users, ref chain);
        bulk.Finish();
        Execute(connection, $"UPDATE AuditChainHead SET LastSequence = {chain.Sequence}, LastHash = '{chain.Hash}' WHERE Id = 1;");
    }

    private async Task<Guid[]> SeedUsersAsync(string password, CancellationToken cancellationToken)
    {
        // One hash for every user: a login costs what it always does, the seed does not pay 100,000 PBKDF2 rounds per user.
        var hash = passwordHasher.Hash(password);
        var ids = new Guid[counts.Users];
        for (var i = 0; i < counts.Users; i++)
        {
            var user = User.Create(Guid.CreateVersion7(_now), $"scale{i:D4}", hash, Role.Operator, _now.AddDays(-400));

            // Every tenth user (never scale0000, the one the bench signs in as) has TOTP on: an encrypted column in use.
            if (i % 10 == 9)
            {
                user.BeginTotpEnrolment(Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20)));
                user.ConfirmTotp(0);
            }

            ids[i] = user.Id;
            db.Users.Add(user);
        }

        await db.SaveChangesAsync(cancellationToken);
        log.WriteLine($"[seed] {counts.Users} users");
        return ids;
    }

    private void SeedFleet(BulkWriter bulk, Guid[] users, ref ChainLink chain)
    {
        var resources = counts.Resources;
        var events = Math.Max(counts.AuditEvents, resources);
        var eventsPerResource = events / Math.Max(resources, 1);
        var policyEvery = counts.Policies > 0 ? Math.Max(resources / counts.Policies, 1) : int.MaxValue;
        var expiringEvery = counts.Expiring > 0 ? Math.Max(resources / counts.Expiring, 1) : int.MaxValue;
        var start = _now.AddDays(-365);
        var step = (_now.AddHours(-2) - start).Ticks / Math.Max(events, 1);
        var ids = new Guid[resources];
        var owners = new int[resources];
        var created = 0;
        var watch = Stopwatch.StartNew();
        for (long i = 0; i < events; i++)
        {
            var at = new DateTimeOffset(start.Ticks + (i * step), TimeSpan.Zero);
            at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond));
            if (i % eventsPerResource == 0 && created < resources)
            {
                var j = created++;
                var owner = j % users.Length;
                var granted = j % policyEvery == policyEvery / 2;
                // The policies' read grants go round the users: each one (the operator the bench signs in as too) is
                // granted as many resources as there are policies per user, each another user's.
                var grantee = (j / policyEvery) % users.Length;
                if (granted && grantee == owner)
                {
                    owner = (owner + 1) % users.Length;
                }

                var resource = NewActiveResource(j, users[owner], at);
                if (granted)
                {
                    resource.ReplacePolicy(new ResourcePolicy([new PolicyStatement(PolicyEffect.Allow, [PolicyPrincipal.ForUser(users[grantee])], [ResourceAction.Read])]), at);
                }

                if (j % expiringEvery == 1 % expiringEvery)
                {
                    // Past its expiry: due for the expiry scan.
                    resource.ChangeExpiry(_now.AddMinutes(-1), TimeSpan.FromDays(1), at);
                }
                else if (j % 50 == 7 && !resource.DeletionProtection)
                {
                    resource.RequestDeletion(at);
                    resource.MarkDeleted(at);
                }

                ids[j] = resource.Id;
                owners[j] = owner;
                bulk.Resource(resource);
                chain = bulk.Audit(AuditEvent.Create(at, users[owner], "resource.created", resource.Id, AuditOutcome.Success, ClientIp(owner), null,
                    $"type={resource.Type.ToString().ToLowerInvariant()} region={resource.Region}"), chain);
            }
            else
            {
                var j = _random.Next(created);
                chain = bulk.Audit(OtherEvent(i, at, ids[j], users[owners[j]], users[_random.Next(users.Length)], owners[j]), chain);
            }

            if (i > 0 && i % 1_000_000 == 0)
            {
                log.WriteLine($"[seed] {i:N0} audit events, {created:N0} resources ({watch.Elapsed.TotalSeconds:F0} s)");
            }
        }
    }

    private void SeedBacklog(BulkWriter bulk, Guid[] users, ref ChainLink chain)
    {
        for (var i = 0; i < counts.Backlog; i++)
        {
            var at = _now.AddMinutes(-30).AddMilliseconds(i);
            var owner = i % users.Length;
            var resource = Resource.Create(Guid.CreateVersion7(at), $"backlog{i}", ResourceType.S3, Regions[i % Regions.Length],
                new Dictionary<string, string> { ["env"] = "dev", ["team"] = "backlog" }, new ResourceSpec(), users[owner], at);
            bulk.Resource(resource);
            bulk.Job(ProvisioningJob.Create(resource.Id, ProvisioningJobKind.Create, at));
            chain = bulk.Audit(AuditEvent.Create(at, users[owner], "resource.created", resource.Id, AuditOutcome.Success, ClientIp(owner), null,
                $"type=s3 region={resource.Region}"), chain);
        }

        log.WriteLine($"[seed] {counts.Backlog} pending resources with their provisioning jobs");
    }

    private Resource NewActiveResource(int j, Guid owner, DateTimeOffset at)
    {
        var type = (ResourceType)(j % 3);
        var tags = new Dictionary<string, string> { ["env"] = Environments[(j / 3) % 3], ["team"] = $"team{j % 100:D2}" };
        var resource = Resource.Create(Guid.CreateVersion7(at), $"scale{j}", type, Regions[j % Regions.Length], tags, new ResourceSpec(), owner, at);
        resource.MarkProvisioning(at.AddSeconds(1));
        resource.MarkActive(ProviderIdOf(type, resource.Id), at.AddSeconds(5));

        // Checks spread over a day from tomorrow on: nothing is due while the bench measures requests; scale.sh makes
        // every check due before it measures a drift pass.
        resource.ScheduleDriftCheck(_now.AddDays(1).AddSeconds(_random.Next(86_400)));
        resource.ClearDomainEvents();
        return resource;
    }

    private static AuditEvent OtherEvent(long i, DateTimeOffset at, Guid resourceId, Guid owner, Guid someone, int ownerIndex) => (i % 10) switch
    {
        1 or 2 or 8 => AuditEvent.Create(at, null, "resource.status-changed", resourceId, AuditOutcome.Success, null, null, "status=active"),
        3 or 9 => AuditEvent.Create(at, owner, "resource.tags-replaced", resourceId, AuditOutcome.Success, ClientIp(ownerIndex), null, "tags=2"),
        4 => AuditEvent.Create(at, someone, "access.denied", resourceId, AuditOutcome.Denied, "10.1.0.9", null, "permission=resources:update"),
        6 => AuditEvent.Create(at, owner, "resource.expiry-changed", resourceId, AuditOutcome.Success, ClientIp(ownerIndex), null, "expiresAt=none"),
        _ => AuditEvent.Create(at, owner, "resource.protection-changed", resourceId, AuditOutcome.Success, ClientIp(ownerIndex), null, "deletionProtection=false"),
    };

    private static string ClientIp(int user) => $"10.0.{user / 250}.{user % 250}";

    private static string ProviderIdOf(ResourceType type, Guid id) => type switch
    {
        ResourceType.Ec2 => "i-" + id.ToString("N")[..17],
        _ => "orch-" + id.ToString("N"),
    };

    /// <summary>
    /// Drops the bulk tables' secondary indexes for the load, returning each one's SQL and the planner statistics the
    /// migrations wrote for it (docs/decisions/0050-fixed-planner-statistics.md): dropping an index deletes its row of
    /// <c>sqlite_stat1</c>, and creating it again does not write one back.
    /// </summary>
    private (List<(string Name, string Sql)> Indexes, List<(string Table, string Index, string Stat)> Statistics) DropSecondaryIndexes(
        SqliteConnection connection)
    {
        var tables = string.Join(", ", BulkTables.Select(t => $"'{t}'"));
        var indexes = new List<(string, string)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({tables});";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var statistics = new List<(string, string, string)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl IN ({tables}) AND idx IS NOT NULL;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                statistics.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            Execute(connection, $"DROP INDEX \"{name}\";");
        }

        log.WriteLine($"[seed] dropped {indexes.Count} secondary indexes for the load");
        return (indexes, statistics);
    }

    /// <summary>Writes back the statistics of the indexes created again, and has SQLite read them again.</summary>
    private void RestorePlannerStatistics(SqliteConnection connection, List<(string Table, string Index, string Stat)> statistics)
    {
        foreach (var (table, index, stat) in statistics)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM sqlite_stat1 WHERE tbl = $tbl AND idx = $idx; INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ($tbl, $idx, $stat);";
            command.Parameters.AddWithValue("$tbl", table);
            command.Parameters.AddWithValue("$idx", index);
            command.Parameters.AddWithValue("$stat", stat);
            command.ExecuteNonQuery();
        }

        Execute(connection, "ANALYZE sqlite_schema;");
        log.WriteLine($"[seed] planner statistics of {statistics.Count} indexes written back");
    }

    private static ChainLink ReadChainHead(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT LastSequence, LastHash FROM AuditChainHead WHERE Id = 1;";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new ChainLink(reader.GetInt64(0), reader.GetString(1));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 120;
        command.ExecuteNonQuery();
    }

    private sealed class BulkWriter
    {
        private readonly SqliteConnection _connection;
        private readonly ModelRowInserter _resources;
        private readonly ModelRowInserter _tags;
        private readonly ModelRowInserter _grants;
        private readonly ModelRowInserter _audit;
        private readonly ModelRowInserter _jobs;
        private SqliteTransaction _transaction;
        private int _rows;

        public BulkWriter(SqliteConnection connection, Microsoft.EntityFrameworkCore.Metadata.IModel model)
        {
            _connection = connection;
            _resources = new ModelRowInserter(connection, model.FindEntityType(typeof(Resource))!);
            _tags = new ModelRowInserter(connection, model.FindEntityType(typeof(ResourceTag))!);
            _grants = new ModelRowInserter(connection, model.FindEntityType(typeof(ResourcePolicyGrant))!);
            _audit = new ModelRowInserter(connection, model.FindEntityType(typeof(AuditEvent))!);
            _jobs = new ModelRowInserter(connection, model.FindEntityType(typeof(ProvisioningJob))!);
            _transaction = Begin();
        }

        public void Resource(Resource resource)
        {
            _resources.Insert(resource);
            foreach (var tag in resource.Tags)
            {
                _tags.Insert(tag, resource.Id, resource.CreatedAt);
            }

            foreach (var grant in resource.PolicyGrants)
            {
                _grants.Insert(grant, resource.Id);
            }

            Counted();
        }

        public void Job(ProvisioningJob job)
        {
            _jobs.Insert(job);
            Counted();
        }

        public ChainLink Audit(AuditEvent auditEvent, ChainLink previous)
        {
            var sequence = previous.Sequence + 1;
            var hash = AuditChainHash.Compute(sequence, previous.Hash, auditEvent);
            auditEvent.LinkIntoChain(sequence, previous.Hash, hash);
            _audit.Insert(auditEvent);
            Counted();
            return new ChainLink(sequence, hash);
        }

        public void Commit()
        {
            Finish();
            _transaction = Begin();
        }

        /// <summary>Commits the open transaction and starts no other: the connection is free for the statements after the load.</summary>
        public void Finish()
        {
            _transaction.Commit();
            _transaction.Dispose();
        }

        private void Counted()
        {
            if (++_rows % RowsPerTransaction == 0)
            {
                Commit();
            }
        }

        private SqliteTransaction Begin()
        {
            var transaction = _connection.BeginTransaction();
            foreach (var inserter in new[] { _resources, _tags, _grants, _audit, _jobs })
            {
                inserter.Transaction = transaction;
            }

            return transaction;
        }
    }

    private readonly record struct ChainLink(long Sequence, string Hash);
}
