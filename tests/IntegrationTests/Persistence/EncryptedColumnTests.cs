using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Encryption;
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
        (await reader.Notes.OrderBy(n => n.Id).Select(n => n.Secret).ToListAsync()).ShouldBe(["before rotation", "after rotation"]);
        var stored = await reader.Database.SqlQueryRaw<string>("SELECT \"Secret\" AS \"Value\" FROM \"Notes\" ORDER BY \"Id\"").ToListAsync();
        AesGcmEnvelope.ReadKeyId(Convert.FromBase64String(stored[0])).ShouldNotBe(AesGcmEnvelope.ReadKeyId(Convert.FromBase64String(stored[1])));
    }

    [Fact]
    public async Task A_tampered_column_fails_to_load_instead_of_returning_garbage()
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
        await Should.ThrowAsync<EncryptedValueException>(() => reader.Notes.ToListAsync());
    }

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
