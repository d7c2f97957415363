using System.Buffers.Binary;
using System.Text;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.UnitTests.Infrastructure.Encryption;

public class AesGcmEnvelopeTests
{
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("JBSWY3DPEHPK3PXP totp secret");

    private readonly DataKeyRing _ring = DataKeyRing.CreateNew();

    [Fact]
    public void Round_trip_returns_the_plaintext_and_names_the_active_key()
    {
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext);

        AesGcmEnvelope.Open(_ring, envelope).ShouldBe(Plaintext);
        AesGcmEnvelope.ReadKeyId(envelope).ShouldBe(_ring.ActiveKeyId);
        envelope[0].ShouldBe(AesGcmEnvelope.ColumnBoundVersion, "a value of no row is bound to its column only");
    }

    [Fact]
    public void Sealing_twice_gives_different_ciphertexts()
    {
        AesGcmEnvelope.Seal(_ring, Plaintext).ShouldNotBe(AesGcmEnvelope.Seal(_ring, Plaintext));
    }

    [Theory]
    [InlineData(0)]  // version
    [InlineData(2)]  // key id
    [InlineData(7)]  // nonce
    [InlineData(20)] // tag
    [InlineData(-1)] // last ciphertext byte
    public void A_flipped_byte_anywhere_fails_with_a_clear_error(int index)
    {
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext);
        envelope[index < 0 ? envelope.Length + index : index] ^= 0x01;

        var error = Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.Open(_ring, envelope));
        error.Message.ShouldContain("encrypted value");
    }

    [Fact]
    public void A_key_id_of_a_key_the_ring_lacks_fails_naming_the_key()
    {
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext);
        var unknown = _ring.ActiveKeyId ^ 0xFFFF_FFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(envelope.AsSpan(1, 4), unknown);

        Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.Open(_ring, envelope))
            .Message.ShouldContain($"key {DataKeyRing.FormatKeyId(unknown)}, which is not in the key ring");
    }

    [Fact]
    public void A_key_id_swapped_for_another_key_of_the_ring_fails_authentication()
    {
        var rotated = _ring.WithNewActiveKey();
        var envelope = AesGcmEnvelope.Seal(rotated, Plaintext);
        BinaryPrimitives.WriteUInt32BigEndian(envelope.AsSpan(1, 4), _ring.ActiveKeyId);

        Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.Open(rotated, envelope))
            .Message.ShouldContain("failed authentication");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(32)]
    public void A_value_shorter_than_the_header_fails_as_truncated(int length)
    {
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext)[..length];

        Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.Open(_ring, envelope)).Message.ShouldContain("truncated");
    }

    [Fact]
    public void A_value_cut_inside_the_ciphertext_fails_authentication()
    {
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext);

        Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.Open(_ring, envelope[..^3])).Message.ShouldContain("failed authentication");
    }

    [Fact]
    public void After_rotation_old_ciphertexts_still_open_and_new_ones_use_the_new_key()
    {
        var old = AesGcmEnvelope.Seal(_ring, Plaintext);
        var rotated = _ring.WithNewActiveKey();

        var fresh = AesGcmEnvelope.Seal(rotated, Plaintext);

        AesGcmEnvelope.Open(rotated, old).ShouldBe(Plaintext);
        AesGcmEnvelope.ReadKeyId(fresh).ShouldBe(rotated.ActiveKeyId);
        rotated.ActiveKeyId.ShouldNotBe(_ring.ActiveKeyId);
    }

    [Fact]
    public void A_ring_read_back_from_its_secret_holds_the_same_keys()
    {
        var rotated = _ring.WithNewActiveKey();
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext);

        var restored = DataKeyRing.FromSecret(new SecretVersions(rotated.ToSecretValue(), null));

        restored.ActiveKeyId.ShouldBe(rotated.ActiveKeyId);
        restored.Keys.Count.ShouldBe(2);
        AesGcmEnvelope.Open(restored, envelope).ShouldBe(Plaintext);
    }

    [Fact]
    public void Keys_only_in_the_previous_version_stay_usable_for_decryption()
    {
        // Two rotations raced: the ring that lost (now the previous version) encrypted with its own new key.
        var loser = _ring.WithNewActiveKey();
        var winner = _ring.WithNewActiveKey();
        var writtenByLoser = AesGcmEnvelope.Seal(loser, Plaintext);

        var merged = DataKeyRing.FromSecret(new SecretVersions(winner.ToSecretValue(), loser.ToSecretValue()));

        merged.ActiveKeyId.ShouldBe(winner.ActiveKeyId);
        AesGcmEnvelope.Open(merged, writtenByLoser).ShouldBe(Plaintext);
    }
}
