using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>
/// Encrypts, just before a save, every encrypted property the save writes: those of added entities, those changed,
/// and those loaded in an older format (<see cref="PendingRewrites"/>), each bound to its entity, column and the row's
/// primary key. The tracked entity holds the ciphertext only while the save runs: its plaintext is put back once the
/// save succeeded, failed or was cancelled, so the entity stays usable and a retried save encrypts again.
/// </summary>
/// <remarks>One stateless instance for the process; what a save in progress encrypted is kept per context.</remarks>
public sealed class EncryptingSaveChangesInterceptor : SaveChangesInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, List<Encrypted>> InProgress = [];

    private EncryptingSaveChangesInterceptor()
    {
    }

    public static EncryptingSaveChangesInterceptor Instance { get; } = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Encrypt(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Encrypt(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Restore(eventData.Context, saved: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context, saved: true);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Restore(eventData.Context, saved: false);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context, saved: false);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Restore(eventData.Context, saved: false);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context, saved: false);
        return Task.CompletedTask;
    }

    private static void Encrypt(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // A save that failed before EF reported it (another interceptor threw) left ciphertext in the entities.
        Restore(context, saved: false);

        // Entries() detects changes first (the save itself does so only after its interceptors), as the choice below needs.
        var encrypted = new List<Encrypted>();
        try
        {
            foreach (var entry in context.ChangeTracker.Entries())
            {
                if (entry.State is EntityState.Added or EntityState.Modified)
                {
                    EncryptEntry(context, entry, encrypted);
                }
            }
        }
        catch
        {
            // EF reports no failure for an exception thrown here: nothing may stay encrypted in memory.
            Restore(encrypted, saved: false);
            throw;
        }

        // Kept only when there is something to put back: the table's writes take a lock, and most saves encrypt nothing.
        if (encrypted.Count > 0)
        {
            InProgress.AddOrUpdate(context, encrypted);
        }
    }

    private static void EncryptEntry(DbContext context, EntityEntry entry, List<Encrypted> encrypted)
    {
        foreach (var property in EncryptedProperties.Of(entry.Metadata))
        {
            var value = entry.Property(property);
            var rewrite = PendingRewrites.Contains(entry.Entity, property.Name);
            if (entry.State == EntityState.Modified && !value.IsModified && !rewrite)
            {
                continue;
            }

            var plaintext = (string?)value.CurrentValue;
            if (plaintext is null && !property.IsNullable)
            {
                // A required value that did not open reads as null; writing that back would only fail the save.
                continue;
            }

            encrypted.Add(new Encrypted(entry, property, plaintext));
            if (plaintext is not null)
            {
                value.CurrentValue = EncryptedProperties.Encryptor(context).Encrypt(plaintext, EncryptedProperties.Binding(property), Row(entry));
            }

            if (entry.State == EntityState.Modified)
            {
                value.IsModified = true;
            }
        }
    }

    private static string Row(EntityEntry entry)
    {
        if (entry.Metadata.FindPrimaryKey()!.Properties.Any(p => entry.Property(p).IsTemporary))
        {
            throw new InvalidOperationException(
                $"{entry.Metadata.DisplayName()} has encrypted properties, which are bound to its key, but its key is generated by the database; give it a key before it is saved.");
        }

        return EncryptedProperties.Row(entry.Metadata, p => entry.Property(p).CurrentValue);
    }

    private static void Restore(DbContext? context, bool saved)
    {
        if (context is null || !InProgress.TryGetValue(context, out var encrypted))
        {
            return;
        }

        InProgress.Remove(context);
        Restore(encrypted, saved);
    }

    private static void Restore(List<Encrypted> encrypted, bool saved)
    {
        foreach (var (entry, property, plaintext) in encrypted)
        {
            // The CLR member directly: through the entry, putting the plaintext back would count as a change.
            EncryptedProperties.SetClrValue(property, entry.Entity, plaintext);
            if (saved)
            {
                // What the database now holds, as the entity sees it: no change is pending.
                entry.Property(property).OriginalValue = plaintext;
                entry.Property(property).IsModified = false;
                PendingRewrites.Remove(entry.Entity, property.Name);
            }
        }
    }

    private sealed record Encrypted(EntityEntry Entry, IProperty Property, string? Plaintext);
}
