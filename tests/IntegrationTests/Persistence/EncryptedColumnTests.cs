using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.Infrastructure.Persistence.Encryption;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>Properties marked encrypted reach the SQLite file only as ciphertext, and read back as plaintext.</summary>
public sealed class EncryptedColumnTests : IDisposable
{
    private const string SecretMarker = "otpauth-secret-JBSWY3DPEHPK3PXP";
    private const string OptionalMarker = "stored-credential-hunter2-correct-horse";
    private const string LabelMarker = "plain-label-visible-on-disk";

    private readonly OrchestratorApiFactory _factory = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"orchestrator-encrypted-{Guid.NewGuid():N}.db");

    private IFieldEncryptor Encryptor => _factory.Services.GetRequiredService<IFieldEncryptor>();

    [Fact]
    public async Task The_database_file_holds_no_plaintext_of_an_encrypted_column()
    {
        await using (var context = new SensitiveNotesContext(_file, Encryptor))
        {
            await context.Database.EnsureCreatedAsync();
            context.Notes.Add(new SensitiveNote { Secret = SecretMarker, OptionalSecret = OptionalMarker, Label = LabelMarker });
            context.Notes.Add(new SensitiveNote { Secret = SecretMarker, OptionalSecret = null, Label = LabelMarker });
            await context.SaveChangesAsync();
        }

        SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(_file);

        // The plain column is found, so the bytes read are the ones written; the encrypted ones are not.
        Contains(bytes, LabelMarker).ShouldBeTrue();
        Contains(bytes, SecretMarker).ShouldBeFalse();
        Contains(bytes, OptionalMarker).ShouldBeFalse();

        await using var reader = new SensitiveNotesContext(_file, Encryptor);
        var notes = await reader.Notes.OrderBy(n => n.Id).ToListAsync();
        notes.Select(n => n.Secret).ShouldBe([SecretMarker, SecretMarker]);
        notes.Select(n => n.OptionalSecret).ShouldBe([OptionalMarker, null]);
    }

    [Fact]
    public async Task Rows_written_before_a_data_key_rotation_still_read_after_it()
    {
        await using (var context = new SensitiveNotesContext(_file, Encryptor))
        {
            await context.Database.EnsureCreatedAsync();
            context.Notes.Add(new SensitiveNote { Secret = "before rotation", Label = "old" });
            await context.SaveChangesAsync();
        }

        using (var admin = await _factory.CreateAdminClientAsync())
        using (var response = await admin.PostAsync("/api/v1/admin/keys/data/rotate", null))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await using (var context = new SensitiveNotesContext(_file, Encryptor))
        {
            context.Notes.Add(new SensitiveNote { Secret = "after rotation", Label = "new" });
            await context.SaveChangesAsync();
        }

        await using var reader = new SensitiveNotesContext(_file, Encryptor);
        (await reader.Notes.OrderBy(n => n.Id).ToListAsync()).Select(n => n.Secret).ShouldBe(["before rotation", "after rotation"]);
        var stored = await reader.Database.SqlQueryRaw<string>("SELECT \"Secret\" AS \"Value\" FROM \"Notes\" ORDER BY \"Id\"").ToListAsync();
        AesGcmEnvelope.ReadKeyId(Convert.FromBase64String(stored[0])).ShouldNotBe(AesGcmEnvelope.ReadKeyId(Convert.FromBase64String(stored[1])));
    }

    [Fact]
    public async Task A_tampered_column_loads_as_absent_instead_of_as_garbage()
    {
        await using (var context = new SensitiveNotesContext(_file, Encryptor))
        {
            await context.Database.EnsureCreatedAsync();
            context.Notes.Add(new SensitiveNote { Secret = SecretMarker, Label = LabelMarker });
            await context.SaveChangesAsync();
            var stored = Convert.FromBase64String(await context.Database.SqlQueryRaw<string>("SELECT \"Secret\" AS \"Value\" FROM \"Notes\"").SingleAsync());
            stored[^1] ^= 0x01;
            await context.Database.ExecuteSqlAsync($"UPDATE \"Notes\" SET \"Secret\" = {Convert.ToBase64String(stored)}");
        }

        await using var reader = new SensitiveNotesContext(_file, Encryptor);
        var note = await reader.Notes.SingleAsync();
        note.Secret.ShouldBeNull();
        note.Label.ShouldBe(LabelMarker);
    }

    [Fact]
    public async Task A_ciphertext_copied_to_another_column_loads_as_absent_there()
    {
        await using (var context = new SensitiveNotesContext(_file, Encryptor))
        {
            await context.Database.EnsureCreatedAsync();
            context.Notes.Add(new SensitiveNote { Secret = SecretMarker, OptionalSecret = OptionalMarker, Label = LabelMarker });
            await context.SaveChangesAsync();
            await context.Database.ExecuteSqlRawAsync("UPDATE \"Notes\" SET \"OptionalSecret\" = \"Secret\"");
        }

        await using var reader = new SensitiveNotesContext(_file, Encryptor);
        var note = await reader.Notes.SingleAsync();
        note.Secret.ShouldBe(SecretMarker);
        note.OptionalSecret.ShouldBeNull();
    }

    [Fact]
    public async Task A_ciphertext_copied_to_the_same_column_of_another_row_loads_as_absent_there()
    {
        SensitiveNote source, target;
        await using (var context = new SensitiveNotesContext(_file, Encryptor))
        {
            await context.Database.EnsureCreatedAsync();
            source = new SensitiveNote { Secret = SecretMarker, Label = "source" };
            target = new SensitiveNote { Secret = "the target's own", Label = "target" };
            context.Notes.AddRange(source, target);
            await context.SaveChangesAsync();
            await context.Database.ExecuteSqlAsync(
                $"UPDATE \"Notes\" SET \"Secret\" = (SELECT \"Secret\" FROM \"Notes\" WHERE \"Id\" = {source.Id}) WHERE \"Id\" = {target.Id}");
        }

        await using var reader = new SensitiveNotesContext(_file, Encryptor);
        var notes = await reader.Notes.ToDictionaryAsync(n => n.Label, n => n.Secret);
        notes["source"].ShouldBe(SecretMarker);
        notes["target"].ShouldBeNull();
    }

    [Fact]
    public async Task After_a_save_the_entity_holds_its_plaintext_and_no_pending_change()
    {
        await using var context = new SensitiveNotesContext(_file, Encryptor);
        await context.Database.EnsureCreatedAsync();
        var note = new SensitiveNote { Secret = SecretMarker, OptionalSecret = OptionalMarker, Label = LabelMarker };
        context.Notes.Add(note);
        await context.SaveChangesAsync();

        note.Secret.ShouldBe(SecretMarker);
        note.OptionalSecret.ShouldBe(OptionalMarker);
        context.Entry(note).State.ShouldBe(EntityState.Unchanged);
        (await context.SaveChangesAsync()).ShouldBe(0, "putting the plaintext back is not a change");

        note.Label = "changed";
        var before = await StoredSecretAsync(context);
        await context.SaveChangesAsync();
        (await StoredSecretAsync(context)).ShouldBe(before, "a save that does not change the secret leaves its ciphertext alone");
        note.Secret.ShouldBe(SecretMarker);
    }

    [Fact]
    public async Task A_failed_save_leaves_the_plaintext_in_the_entity_and_a_retry_encrypts_it_again()
    {
        await using var context = new SensitiveNotesContext(_file, Encryptor);
        var note = new SensitiveNote { Secret = SecretMarker, Label = LabelMarker };
        context.Notes.Add(note);

        // No table yet: the save fails after the interceptor encrypted.
        await Should.ThrowAsync<DbUpdateException>(() => context.SaveChangesAsync());
        note.Secret.ShouldBe(SecretMarker);
        context.Entry(note).State.ShouldBe(EntityState.Added);

        await context.Database.EnsureCreatedAsync();
        context.SaveChanges();
        note.Secret.ShouldBe(SecretMarker);

        await using var reader = new SensitiveNotesContext(_file, Encryptor);
        (await reader.Notes.SingleAsync()).Secret.ShouldBe(SecretMarker);
        var stored = Convert.FromBase64String(await StoredSecretAsync(reader));
        stored[0].ShouldBe(AesGcmEnvelope.Version);
        Encryptor.Decrypt(Convert.ToBase64String(stored), "SensitiveNote.Secret", note.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(SecretMarker);
    }

    [Fact]
    public async Task A_value_in_the_column_bound_format_is_rewritten_bound_to_its_row_by_the_next_save_of_its_entity()
    {
        await using (var context = new SensitiveNotesContext(_file, Encryptor))
        {
            await context.Database.EnsureCreatedAsync();
            context.Notes.Add(new SensitiveNote { Secret = "placeholder", Label = LabelMarker });
            await context.SaveChangesAsync();
            var columnBound = Encryptor.Encrypt(SecretMarker, "SensitiveNote.Secret");
            await context.Database.ExecuteSqlAsync($"UPDATE \"Notes\" SET \"Secret\" = {columnBound}");
        }

        await using (var reader = new SensitiveNotesContext(_file, Encryptor))
        {
            var note = await reader.Notes.SingleAsync();
            note.Secret.ShouldBe(SecretMarker);
            (await reader.SaveChangesAsync()).ShouldBe(0, "reading alone writes nothing");
            Convert.FromBase64String(await StoredSecretAsync(reader))[0].ShouldBe(AesGcmEnvelope.ColumnBoundVersion);

            // Another column changes; the secret is written again with the row.
            note.Label = "changed";
            await reader.SaveChangesAsync();
            note.Secret.ShouldBe(SecretMarker);
            Convert.FromBase64String(await StoredSecretAsync(reader))[0].ShouldBe(AesGcmEnvelope.Version);
        }

        await using var again = new SensitiveNotesContext(_file, Encryptor);
        (await again.Notes.SingleAsync()).Secret.ShouldBe(SecretMarker);
    }

    [Fact]
    public async Task A_value_in_the_earlier_format_without_a_column_binding_still_reads_until_rewritten()
    {
        var ring = _factory.Services.GetRequiredService<DataKeyRingProvider>().Current;
        await using (var context = new SensitiveNotesContext(_file, Encryptor))
        {
            await context.Database.EnsureCreatedAsync();
            context.Notes.Add(new SensitiveNote { Secret = "placeholder", Label = LabelMarker });
            await context.SaveChangesAsync();
            var unbound = Convert.ToBase64String(UnboundEnvelope(ring, SecretMarker));
            await context.Database.ExecuteSqlAsync($"UPDATE \"Notes\" SET \"Secret\" = {unbound}");
        }

        await using (var reader = new SensitiveNotesContext(_file, Encryptor))
        {
            var note = await reader.Notes.SingleAsync();
            note.Secret.ShouldBe(SecretMarker);
            note.Secret = SecretMarker + " rewritten";
            await reader.SaveChangesAsync();
            var stored = Convert.FromBase64String(await reader.Database.SqlQueryRaw<string>("SELECT \"Secret\" AS \"Value\" FROM \"Notes\"").SingleAsync());
            stored[0].ShouldBe(AesGcmEnvelope.Version, "a write uses the row-bound format");
        }
    }

    [Fact]
    public async Task An_encrypted_property_of_an_entity_whose_key_the_database_makes_is_refused_at_save()
    {
        await using var context = new GeneratedKeyContext(_file, Encryptor);
        await context.Database.EnsureCreatedAsync();
        var note = new GeneratedKeyNote { Secret = SecretMarker };
        context.Add(note);

        (await Should.ThrowAsync<InvalidOperationException>(() => context.SaveChangesAsync())).Message.ShouldContain("its key is generated by the database");
        note.Secret.ShouldBe(SecretMarker);
    }

    private static Task<string> StoredSecretAsync(SensitiveNotesContext context) =>
        context.Database.SqlQueryRaw<string>("SELECT \"Secret\" AS \"Value\" FROM \"Notes\"").SingleAsync();

    /// <summary>The format before column bindings: version 1, only the header authenticated.</summary>
    private static byte[] UnboundEnvelope(DataKeyRing ring, string plaintext)
    {
        var text = Encoding.UTF8.GetBytes(plaintext);
        var envelope = new byte[5 + 12 + 16 + text.Length];
        envelope[0] = AesGcmEnvelope.UnboundVersion;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(envelope.AsSpan(1, 4), ring.ActiveKeyId);
        System.Security.Cryptography.RandomNumberGenerator.Fill(envelope.AsSpan(5, 12));
        using var aes = new System.Security.Cryptography.AesGcm(ring.ActiveKey, 16);
        aes.Encrypt(envelope.AsSpan(5, 12), text, envelope.AsSpan(33), envelope.AsSpan(17, 16), envelope.AsSpan(0, 5));
        return envelope;
    }

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;

    private sealed class GeneratedKeyNote
    {
        public int Id { get; set; }

        public string Secret { get; set; } = string.Empty;
    }

    private sealed class GeneratedKeyContext(string file, IFieldEncryptor encryptor) : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
            optionsBuilder.UseSqlite($"Data Source={file}").UseFieldEncryption(encryptor);

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<GeneratedKeyNote>().Property(n => n.Secret).IsEncrypted();
            modelBuilder.UseFieldEncryption();
        }
    }
}
