using System.Text;

namespace Orchestrator.WebApi.Requests;

/// <summary>
/// A strict <c>application/x-www-form-urlencoded</c> parser (WHATWG URL, "application/x-www-form-urlencoded parsing"):
/// names are plain strings (no <c>a[b]</c> structure is read into them), and anything it cannot read exactly is
/// refused with a reason instead of being guessed at.
/// </summary>
public static class UrlEncodedForm
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The fields, or why the body is not a form: broken percent-encoding, bytes that are not UTF-8, a repeated field.</summary>
    public static (IReadOnlyDictionary<string, string>? Fields, string? Problem) Parse(ReadOnlySpan<byte> body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var pair = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = Decode(equals < 0 ? [] : pair[(equals + 1)..]);
            if (name is null || value is null)
            {
                return (null, "The form is not valid application/x-www-form-urlencoded UTF-8 (broken percent-encoding or invalid bytes).");
            }

            // RFC 6749 section 3.2: parameters must not be sent more than once.
            if (!fields.TryAdd(name, value))
            {
                return (null, "A parameter was sent more than once.");
            }
        }

        return (fields, null);
    }

    /// <summary>'+' is a space, %XX a byte; the bytes must be UTF-8. Null when they cannot be read exactly.</summary>
    private static string? Decode(ReadOnlySpan<byte> encoded)
    {
        var bytes = new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == (byte)'+')
            {
                b = (byte)' ';
            }
            else if (b == (byte)'%')
            {
                if (i + 2 >= encoded.Length || HexValue(encoded[i + 1]) is not { } high || HexValue(encoded[i + 2]) is not { } low)
                {
                    return null;
                }

                b = (byte)((high << 4) | low);
                i += 2;
            }

            bytes[length++] = b;
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static int? HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        _ => null,
    };
}
