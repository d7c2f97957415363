using System.IO.Pipelines;
using System.Text;

namespace Orchestrator.WebApi.Edge;

/// <summary>
/// The connection's output as Kestrel writes it, passed through untouched, except for an error header block
/// (status 4xx or 5xx) that lacks the security headers: that is one Kestrel wrote itself for a request it
/// could not parse (400, 414, 431), before any middleware ran, and the headers are inserted after its status
/// line. Every response the application writes carries them already (docs/decisions/0017-security-headers-on-kestrels-own-answers.md).
/// </summary>
internal sealed class EarlyResponseHeaderWriter(PipeWriter inner) : PipeWriter
{
    // Kestrel's own header block is about 100 bytes: asking for at least this much keeps it in one piece.
    private const int MinimumBuffer = 256;

    private static readonly byte[] StatusLinePrefix = "HTTP/1.1 "u8.ToArray();
    private static readonly byte[] HeaderBlockEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentTypeOptionsName = "\r\nX-Content-Type-Options:"u8.ToArray();

    private static readonly byte[] SecurityHeaders = Encoding.ASCII.GetBytes(
        $"X-Content-Type-Options: {SecurityHeaderValues.ContentTypeOptions}\r\n"
        + $"X-Frame-Options: {SecurityHeaderValues.FrameOptions}\r\n"
        + $"Strict-Transport-Security: {SecurityHeaderValues.StrictTransportSecurity}\r\n"
        + $"X-XSS-Protection: {SecurityHeaderValues.XssProtection}\r\n"
        + $"Referrer-Policy: {SecurityHeaderValues.ReferrerPolicy}\r\n"
        + $"Content-Security-Policy: {ContentSecurityPolicies.Api}\r\n"
        + $"Cache-Control: {SecurityHeaderValues.NoStore}\r\n");

    private Memory<byte> _buffer;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override Memory<byte> GetMemory(int sizeHint = 0) => _buffer = inner.GetMemory(Math.Max(sizeHint, MinimumBuffer));

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override void Advance(int bytes)
    {
        if (bytes <= _buffer.Length)
        {
            var written = _buffer.Span[..bytes];

            // A response starts here with an error status: the only writes that are looked at further.
            if (written.Length > 12 && written.StartsWith(StatusLinePrefix) && written[9] is (byte)'4' or (byte)'5'
                && LacksSecurityHeaders(written))
            {
                _buffer = default;
                WriteWithSecurityHeaders(written.ToArray());
                return;
            }
        }

        _buffer = default;
        inner.Advance(bytes);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    private static bool LacksSecurityHeaders(ReadOnlySpan<byte> written)
    {
        var end = written.IndexOf(HeaderBlockEnd);
        return end > 0 && written[..(end + 2)].IndexOf(ContentTypeOptionsName) < 0;
    }

    /// <summary>Nothing was committed yet: the same place in the pipe is written again, with the headers after the status line.</summary>
    private void WriteWithSecurityHeaders(byte[] original)
    {
        var statusLineEnd = original.AsSpan().IndexOf("\r\n"u8) + 2;
        var length = original.Length + SecurityHeaders.Length;
        var target = inner.GetSpan(length);
        original.AsSpan(0, statusLineEnd).CopyTo(target);
        SecurityHeaders.CopyTo(target[statusLineEnd..]);
        original.AsSpan(statusLineEnd).CopyTo(target[(statusLineEnd + SecurityHeaders.Length)..]);
        inner.Advance(length);
    }
}
