using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Application.Users.Common;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Users;
using Orchestrator.Infrastructure.Auditing;
using Orchestrator.Infrastructure.Storage;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Runs once at start-up: makes the data directory and the database files owner-only (0700/0600, on every
/// start), applies migrations, then creates the bootstrap <c>admin</c> when the user
/// table is empty, with <c>Bootstrap:AdminPassword</c> or a generated password written to
/// <c>&lt;data dir&gt;/initial-admin-password</c> (mode 0600). The log names the file, never the password.
/// A configured password must meet the same policy as any other (length, common list, strength): one
/// that does not stops the start with a log line saying why, since the admin account guards everything.
/// </summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    IPasswordHasher passwordHasher,
    ICommonPasswordList commonPasswords,
    IPasswordStrengthEstimator strength,
    DataDirectory dataDirectory,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public const string AdminUsername = "admin";
    public const string InitialPasswordFileName = "initial-admin-password";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var databaseFile = SqliteDatabaseFile();
        if (databaseFile is not null)
        {
            // Created owner-only before SQLite creates it with its default mode; its journal files inherit the mode.
            dataDirectory.EnsureExists();
            OwnerOnlyAccess.CreateFileIfMissing(databaseFile);
        }

        dataDirectory.Protect(OwnerOnlyFiles(databaseFile));
        if (databaseFile is not null)
        {
            // A process killed mid-transaction leaves a hot journal, which only a read-write connection rolls back; the
            // migrator's first look opens read-only and would fail on it, so read once read-write first.
            await db.Database.ExecuteSqlRawAsync("SELECT count(*) FROM sqlite_master;", cancellationToken);
            await SqliteWriteAheadLog.EnableAsync(db.Database, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await AuditChainBackfill.RunAsync(db, logger, cancellationToken);
        await EnsureBootstrapAdminAsync(cancellationToken);
    }

    private string? SqliteDatabaseFile()
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        return connection.Mode == SqliteOpenMode.Memory || connection.DataSource is "" or ":memory:" ? null : connection.DataSource;
    }

    private IEnumerable<string> OwnerOnlyFiles(string? databaseFile)
    {
        yield return dataDirectory.Combine(InitialPasswordFileName);
        if (databaseFile is not null)
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
            {
                yield return databaseFile + suffix;
            }
        }
    }

    private async Task EnsureBootstrapAdminAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrEmpty(password))
        {
            password = GeneratedPassword();
        }
        else if (ConfiguredPasswordProblem(password) is { } problem)
        {
            logger.LogCritical("Bootstrap:AdminPassword is refused: {Problem} Set a stronger one, or leave it unset to have one generated", problem);
            throw new InvalidOperationException($"Bootstrap:AdminPassword is refused: {problem}");
        }

        var now = clock.GetUtcNow();
        db.Users.Add(User.Create(Guid.CreateVersion7(now), AdminUsername, passwordHasher.Hash(password), Role.Admin, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Created the bootstrap user '{Username}' (role admin)", AdminUsername);
        }
        catch (DbUpdateException exception) when (db.IsUniqueConstraintViolation(exception))
        {
            // Another instance sharing this database created it first.
            logger.LogInformation("The bootstrap user '{Username}' was created by another instance", AdminUsername);
        }
    }

    private string? ConfiguredPasswordProblem(string password)
    {
        if (password.Length is < PasswordRules.MinLength or > PasswordRules.MaxLength)
        {
            return $"it must be {PasswordRules.MinLength} to {PasswordRules.MaxLength} characters long.";
        }

        if (password.Contains(AdminUsername, StringComparison.OrdinalIgnoreCase) || commonPasswords.IsCommon(password))
        {
            return "it contains the username or is on the list of common or breached passwords.";
        }

        return strength.FindWeakness(password, [AdminUsername]) is { } weakness ? $"it is too easy to guess: {weakness}" : null;
    }

    private string GeneratedPassword()
    {
        var path = dataDirectory.Combine(InitialPasswordFileName);
        var candidate = Base64UrlNoPadding(RandomNumberGenerator.GetBytes(24));
        if (!SecretFile.TryCreate(path, candidate + "\n"))
        {
            // A previous start wrote the file but never finished creating the user: keep its password.
            candidate = File.ReadAllText(path).Trim();
        }

        logger.LogWarning("The bootstrap admin password was generated and written to {Path}; read it once, then remove the file", path);
        return candidate;
    }

    private static string Base64UrlNoPadding(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
