using System.Globalization;
using System.Text;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// A request body as bytes with the Content-Type it is declared as (none when null); <see cref="Chunked"/> sends it
/// without a Content-Length, as a chunked upload arrives.
/// </summary>
public sealed record FuzzBody(byte[] Bytes, string? ContentType, bool Chunked = false)
{
    public static FuzzBody Utf8(string text, string? contentType) => new(Encoding.UTF8.GetBytes(text), contentType);

    /// <summary>The bytes as text, invalid UTF-8 shown as \xNN, long bodies cut.</summary>
    public string Printable(int limit = 600)
    {
        var text = new StringBuilder();
        var decoder = new UTF8Encoding(false, true);
        for (var i = 0; i < Bytes.Length && text.Length < limit;)
        {
            var length = Bytes[i] < 0x80 ? 1 : Bytes[i] >= 0xF0 ? 4 : Bytes[i] >= 0xE0 ? 3 : Bytes[i] >= 0xC0 ? 2 : 1;
            try
            {
                var decoded = decoder.GetString(Bytes, i, Math.Min(length, Bytes.Length - i));
                text.Append(decoded.Length == 1 && char.IsControl(decoded[0]) && decoded[0] is not ('\r' or '\n') ? $"\\u{(int)decoded[0]:X4}" : decoded);
                i += length;
            }
            catch (ArgumentException)
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{Bytes[i]:X2}");
                i++;
            }
        }

        return Bytes.Length > limit ? $"{text}... ({Bytes.Length} bytes)" : text.ToString();
    }
}
