using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Application.Common.Exceptions;

namespace Orchestrator.Application.Common.Paging;

/// <summary>
/// Page cursors: a <see cref="PagePosition"/> in base64url, sealed together with the list's scope (the caller and the
/// filters), so that a cursor is read back only by the list, caller and filters it was given out for. It carries
/// no count and no page number: the next page is the rows after the position, found by a seek in the list's index.
/// </summary>
public sealed class PageCursors(IPageCursorSeal seal)
{
    /// <summary>The length of every cursor this writes.</summary>
    public const int TextLength = (((PayloadLength + IPageCursorSeal.TagLength) * 4) + 2) / 3;

    private const byte Version = 1;
    private const int PayloadLength = 1 + sizeof(long) + 16;
    private const int ScopeHashLength = 32;

    public string Write(string scope, PagePosition position)
    {
        Span<byte> sealedBytes = stackalloc byte[PayloadLength + IPageCursorSeal.TagLength];
        WritePayload(position, sealedBytes[..PayloadLength]);
        Span<byte> data = stackalloc byte[PayloadLength + ScopeHashLength];
        Bind(sealedBytes[..PayloadLength], scope, data);
        seal.Tag(data, sealedBytes[PayloadLength..]);
        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The position in <paramref name="cursor"/>; a 400 for anything this list did not give out.</summary>
    public PagePosition Read(string cursor, string scope)
    {
        Span<byte> sealedBytes = stackalloc byte[PayloadLength + IPageCursorSeal.TagLength];
        // TryDecodeFromChars throws on a character outside the alphabet: check the text first.
        if (cursor.Length != TextLength
            || !Base64Url.IsValid(cursor)
            || !Base64Url.TryDecodeFromChars(cursor, sealedBytes, out var written)
            || written != sealedBytes.Length
            || sealedBytes[0] != Version)
        {
            throw Refused();
        }

        Span<byte> data = stackalloc byte[PayloadLength + ScopeHashLength];
        Bind(sealedBytes[..PayloadLength], scope, data);
        if (!seal.Verify(data, sealedBytes[PayloadLength..]))
        {
            throw Refused();
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(sealedBytes[1..]);
        var id = new Guid(sealedBytes[(1 + sizeof(long))..PayloadLength], bigEndian: true);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw Refused();
        }

        return new PagePosition(new DateTimeOffset(ticks, TimeSpan.Zero), id);
    }

    private static void WritePayload(PagePosition position, Span<byte> payload)
    {
        payload[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(payload[1..], position.At.UtcTicks);
        position.Id.TryWriteBytes(payload[(1 + sizeof(long))..], bigEndian: true, out _);
    }

    /// <summary>The bytes the tag covers: the payload, then a hash of the scope (the scope itself is not in the cursor).</summary>
    private static void Bind(ReadOnlySpan<byte> payload, string scope, Span<byte> data)
    {
        payload.CopyTo(data);
        SHA256.HashData(Encoding.UTF8.GetBytes(scope), data[PayloadLength..]);
    }

    private static RequestValidationException Refused() => RequestValidationException.ForField(
        "cursor",
        "'cursor' is not one this list gave out for these filters (it was changed, belongs to another list, caller or filters, or its key was rotated twice since); start again without it.");
}
