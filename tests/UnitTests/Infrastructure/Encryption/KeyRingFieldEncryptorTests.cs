using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.Infrastructure.Secrets;
using Orchestrator.Infrastructure.Security;
using Orchestrator.UnitTests.Infrastructure.Secrets;

namespace Orchestrator.UnitTests.Infrastructure.Encryption;

public class KeyRingFieldEncryptorTests
{
    private readonly InMemorySecretStore _store = new();
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Text_round_trips_and_the_stored_form_does_not_contain_it()
    {
        var encryptor = new KeyRingFieldEncryptor(Provider());

        var stored = encryptor.Encrypt("correct horse battery staple");

        stored.ShouldNotContain("horse");
        encryptor.Decrypt(stored).ShouldBe("correct horse battery staple");
    }

    [Fact]
    public void A_value_that_is_not_base64_fails_with_a_clear_error()
    {
        var encryptor = new KeyRingFieldEncryptor(Provider());

        Should.Throw<EncryptedValueException>(() => encryptor.Decrypt("plain text that was never encrypted"))
            .Message.ShouldContain("not base64");
    }

    [Fact]
    public void A_flipped_byte_in_the_stored_form_never_decrypts_to_other_text()
    {
        var encryptor = new KeyRingFieldEncryptor(Provider());
        var bytes = Convert.FromBase64String(encryptor.Encrypt("secret"));
        bytes[^1] ^= 0x80;

        Should.Throw<EncryptedValueException>(() => encryptor.Decrypt(Convert.ToBase64String(bytes)));
    }

    [Fact]
    public async Task A_rotation_by_another_instance_is_picked_up_when_its_key_id_arrives()
    {
        var mine = Provider();
        var theirs = Provider();
        var encryptor = new KeyRingFieldEncryptor(mine);
        await mine.Secret.LoadAsync(CancellationToken.None);
        await theirs.Secret.LoadAsync(CancellationToken.None);

        var signingKeys = new SigningKeyProvider(_store, _clock, NullLogger<SigningKeyProvider>.Instance);
        var rotation = new KeyRotationService(_store, signingKeys, theirs, NullLogger<KeyRotationService>.Instance);
        await rotation.RotateDataKeyAsync(CancellationToken.None);
        var writtenElsewhere = new KeyRingFieldEncryptor(theirs).Encrypt("from the other instance");

        encryptor.Decrypt(writtenElsewhere).ShouldBe("from the other instance");
        mine.Current.ActiveKeyId.ShouldBe(theirs.Current.ActiveKeyId);
    }

    [Fact]
    public void The_field_encryptor_tells_the_row_bound_format_from_the_older_ones()
    {
        var row = Guid.NewGuid().ToString("D");
        var encryptor = new KeyRingFieldEncryptor(Provider());

        var rowBound = encryptor.Encrypt("JBSWY3DPEHPK3PXP", "User.TotpSecret", row);
        var columnBound = encryptor.Encrypt("JBSWY3DPEHPK3PXP", "User.TotpSecret");

        encryptor.IsRowBound(rowBound).ShouldBeTrue();
        encryptor.IsRowBound(columnBound).ShouldBeFalse();
        encryptor.Decrypt(rowBound, "User.TotpSecret", row).ShouldBe("JBSWY3DPEHPK3PXP");
        Should.Throw<EncryptedValueException>(() => encryptor.Decrypt(rowBound, "User.TotpSecret", Guid.NewGuid().ToString("D")));
    }

    private DataKeyRingProvider Provider() => new(_store, _clock, NullLogger<DataKeyRingProvider>.Instance);
}
