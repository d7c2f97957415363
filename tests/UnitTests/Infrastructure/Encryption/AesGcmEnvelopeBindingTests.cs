using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.UnitTests.Infrastructure.Encryption;

/// <summary>What each envelope format binds: version 3 the entity, column and row; version 2 the entity and column; version 1 nothing.</summary>
public class AesGcmEnvelopeBindingTests
{
    private const string Binding = "User.TotpSecret";
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("JBSWY3DPEHPK3PXP");
    private static readonly string Row = Guid.NewGuid().ToString("D");
    private static readonly string OtherRow = Guid.NewGuid().ToString("D");

    private readonly DataKeyRing _ring = DataKeyRing.CreateNew();

    [Fact]
    public void A_value_sealed_for_a_row_is_version_3_and_opens_for_that_row()
    {
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext, Binding, Row);

        envelope[0].ShouldBe(AesGcmEnvelope.Version);
        AesGcmEnvelope.ReadVersion(envelope).ShouldBe((byte)3);
        AesGcmEnvelope.Open(_ring, envelope, Binding, Row).ShouldBe(Plaintext);
    }

    [Fact]
    public void The_same_ciphertext_under_another_row_id_fails_authentication()
    {
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext, Binding, Row);

        Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.Open(_ring, envelope, Binding, OtherRow))
            .Message.ShouldContain("moved from another column or row");
    }

    [Fact]
    public void The_same_row_in_another_column_fails_authentication()
    {
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext, Binding, Row);

        Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.Open(_ring, envelope, "User.PendingTotpSecret", Row));
    }

    [Fact]
    public void A_row_bound_value_opened_without_a_row_fails_instead_of_skipping_the_check()
    {
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext, Binding, Row);

        Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.Open(_ring, envelope, Binding))
            .Message.ShouldContain("bound to a row");
    }

    [Fact]
    public void A_row_bound_value_relabelled_as_version_2_fails_authentication()
    {
        // The version is authenticated: a downgrade to the format that skips the row does not open.
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext, Binding, Row);
        envelope[0] = AesGcmEnvelope.ColumnBoundVersion;

        Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.Open(_ring, envelope, Binding, Row));
        Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.Open(_ring, envelope, Binding));
    }

    [Fact]
    public void A_version_2_value_opens_for_its_column_whatever_the_row_and_not_for_another_column()
    {
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext, Binding);

        envelope[0].ShouldBe(AesGcmEnvelope.ColumnBoundVersion);
        AesGcmEnvelope.Open(_ring, envelope, Binding, Row).ShouldBe(Plaintext);
        AesGcmEnvelope.Open(_ring, envelope, Binding, OtherRow).ShouldBe(Plaintext);
        Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.Open(_ring, envelope, "User.PendingTotpSecret", Row));
    }

    [Fact]
    public void A_version_1_value_opens_with_any_binding()
    {
        var envelope = UnboundEnvelope(_ring, Plaintext);

        AesGcmEnvelope.ReadVersion(envelope).ShouldBe(AesGcmEnvelope.UnboundVersion);
        AesGcmEnvelope.Open(_ring, envelope, Binding, Row).ShouldBe(Plaintext);
    }

    [Fact]
    public void An_unknown_version_fails_naming_the_known_ones()
    {
        var envelope = AesGcmEnvelope.Seal(_ring, Plaintext, Binding, Row);
        envelope[0] = 4;

        Should.Throw<EncryptedValueException>(() => AesGcmEnvelope.ReadVersion(envelope)).Message.ShouldContain("only 1 to 3 are known");
    }

    /// <summary>The format before bindings: version 1, only the header authenticated.</summary>
    private static byte[] UnboundEnvelope(DataKeyRing ring, byte[] plaintext)
    {
        var envelope = new byte[5 + 12 + 16 + plaintext.Length];
        envelope[0] = AesGcmEnvelope.UnboundVersion;
        BinaryPrimitives.WriteUInt32BigEndian(envelope.AsSpan(1, 4), ring.ActiveKeyId);
        RandomNumberGenerator.Fill(envelope.AsSpan(5, 12));
        using var aes = new AesGcm(ring.ActiveKey, 16);
        aes.Encrypt(envelope.AsSpan(5, 12), plaintext, envelope.AsSpan(33), envelope.AsSpan(17, 16), envelope.AsSpan(0, 5));
        return envelope;
    }
}
