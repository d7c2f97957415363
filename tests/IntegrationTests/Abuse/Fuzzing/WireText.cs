using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>How generated text becomes bytes: JSON written with raw UTF-8, and a marker character that becomes invalid UTF-8.</summary>
public static class WireText
{
    /// <summary>A private-use character that <see cref="Bytes"/> replaces with an invalid UTF-8 sequence.</summary>
    public const string InvalidUtf8Marker = "\uE000";

    /// <summary>Byte sequences that are not UTF-8: a stray byte, a broken pair, an encoded surrogate, an overlong slash, a cut sequence.</summary>
    public static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]];

    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly byte[] MarkerBytes = Encoding.UTF8.GetBytes(InvalidUtf8Marker);

    public static string Json(JsonNode? node) => node?.ToJsonString(Raw) ?? "null";

    /// <summary>UTF-8 bytes of the text, each marker replaced by the <paramref name="invalid"/>-th invalid sequence.</summary>
    public static byte[] Bytes(string text, int invalid = 0)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var replacement = InvalidUtf8[invalid % InvalidUtf8.Length];
        var output = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes.AsSpan(i).StartsWith(MarkerBytes))
            {
                output.AddRange(replacement);
                i += MarkerBytes.Length - 1;
            }
            else
            {
                output.Add(bytes[i]);
            }
        }

        return [.. output];
    }
}
