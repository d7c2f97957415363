using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Users.Common;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Users;
using Orchestrator.Infrastructure.Storage;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Runs once at start-up: applies migrations, then creates the bootstrap <c>admin</c> when the user
/// table is empty, with <c>Bootstrap:AdminPassword</c> or a generated password written to
/// <c>&lt;data dir&gt;/initial-admin-password</c> (mode 0600). The log names the file, never the password.
/// A configured password shorter than the policy's minimum is accepted with a warning (it is the
/// operator's explicit choice); the admin should change it at once.
/// </summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    IPasswordHasher passwordHasher,
    DataDirectory dataDirectory,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public const string AdminUsername = "admin";
    public const string InitialPasswordFileName = "initial-admin-password";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        dataDirectory.EnsureExists();
        await db.Database.MigrateAsync(cancellationToken);
        await EnsureBootstrapAdminAsync(cancellationToken);
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
        else if (password.Length > PasswordRules.MaxLength)
        {
            throw new InvalidOperationException($"Bootstrap:AdminPassword must be at most {PasswordRules.MaxLength} characters long.");
        }
        else if (password.Length < PasswordRules.MinLength)
        {
            // An operator's explicit choice is honoured, but said out loud: change it after the first login.
            logger.LogWarning(
                "Bootstrap:AdminPassword is shorter than the {MinLength} characters the password policy asks for; change it after the first login",
                PasswordRules.MinLength);
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
