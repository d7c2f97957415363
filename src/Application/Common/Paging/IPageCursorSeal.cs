namespace Orchestrator.Application.Common.Paging;

/// <summary>
/// Makes a page cursor tamper-evident: a keyed MAC over the position and the list it belongs to, so a changed,
/// made-up or borrowed cursor is refused instead of read (docs/decisions/0035-keyset-pagination-and-covering-indexes.md).
/// </summary>
public interface IPageCursorSeal
{
    /// <summary>The length in bytes of the tag <see cref="Tag"/> writes.</summary>
    const int TagLength = 16;

    /// <summary>Writes into <paramref name="tag"/> the tag of <paramref name="data"/> under the current key.</summary>
    void Tag(ReadOnlySpan<byte> data, Span<byte> tag);

    /// <summary>Whether <paramref name="tag"/> is the tag of <paramref name="data"/> under the current or the previous key.</summary>
    bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> tag);
}
