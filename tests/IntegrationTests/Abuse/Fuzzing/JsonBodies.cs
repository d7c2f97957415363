using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// JSON request bodies for one media type and schema: valid ones first (so a failure shrinks toward a plain request),
/// then the schema broken (wrong kinds, unknown and missing members, huge, unicode and out-of-range values), the text
/// broken (truncated, invalid UTF-8, deep nesting, duplicate keys, trailing bytes), and the body declared as something else.
/// </summary>
public sealed class JsonBodies(JsonSchemaValues values)
{
    private static readonly string[] Charsets = ["utf-16", "utf-16le", "utf-16be", "utf-32", "iso-8859-1", "us-ascii", "utf-7", "bogus", "\"utf-8\"", "UTF-8", ""];

    private static readonly string?[] OtherMediaTypes =
        [null, "text/plain", "text/json", "application/xml", "*/*", "application/*", "garbage", "application/problem+json", "application/json;", "APPLICATION/JSON"];

    private static readonly string[] UnknownNames = ["ownerId", "id", "status", "role", "__proto__", "$type", "$ref", "", "a.b", "ü😀", "constructor"];

    public Gen<FuzzBody> For(string mediaType, JsonNode schema)
    {
        var valid = values.Valid(schema);
        return Pick.Weighted(
            (40, valid.Select(node => FuzzBody.Utf8(WireText.Json(node), mediaType))),
            (30, Invalid(valid, schema).Select(node => FuzzBody.Utf8(WireText.Json(node), mediaType))),
            (15, BrokenText(valid, mediaType)),
            (15, Declared(valid, mediaType)));
    }

    /// <summary>A body for an operation that takes none.</summary>
    public Gen<FuzzBody> Unexpected() => Pick.Weighted(
        (1, values.Any(0).Select(node => FuzzBody.Utf8(WireText.Json(node), "application/json"))),
        (1, Gen.Byte.Array[1, 64].Select(bytes => new FuzzBody(bytes, "application/octet-stream"))),
        (1, Gen.Const(new FuzzBody([], "application/json"))));

    private Gen<JsonNode?> Invalid(Gen<JsonNode?> valid, JsonNode schema)
    {
        var pick = Gen.Int[0, 1000];
        return Pick.OneOf(
            Gen.Select(valid, pick, values.Any(1), (tree, slot, value) => JsonTreeSlots.Replace(tree, slot, value)),
            Gen.Select(valid, pick, (tree, slot) => JsonTreeSlots.Remove(tree, slot)),
            Gen.Select(valid, pick, Pick.OneOf(Pick.One(UnknownNames), values.Plausible), values.Any(2), (tree, slot, name, value) => JsonTreeSlots.Add(tree, slot, name, value)),
            Gen.Select(valid, pick, Pick.One(JsonSchemaValues.OddStrings), (tree, slot, text) => JsonTreeSlots.Replace(tree, slot, JsonValue.Create(text))),
            Gen.Select(valid, pick, Pick.One(JsonSchemaValues.OddNumbers), (tree, slot, number) => JsonTreeSlots.Replace(tree, slot, JsonNode.Parse(number))),
            Gen.Select(valid, pick, Gen.Int[100, 70_000], Pick.One('a', 'ü', '\u20AC', ' '), (tree, slot, length, c) => JsonTreeSlots.Replace(tree, slot, JsonValue.Create(new string(c, length)))),
            Gen.Select(valid, pick, Pick.One("\uD800", "\uDC00x", "a\uD83D"), (tree, slot, surrogate) => JsonTreeSlots.Replace(tree, slot, JsonValue.Create(surrogate))),
            values.WrongKind(schema));
    }

    private Gen<FuzzBody> BrokenText(Gen<JsonNode?> valid, string mediaType)
    {
        var text = valid.Select(WireText.Json);
        return Pick.OneOf(
            Gen.Select(text, Gen.Int[0, 10_000], (json, cut) => FuzzBody.Utf8(json[..(cut % Math.Max(1, json.Length))], mediaType)),
            Gen.Select(valid, Gen.Int[0, 1000], Gen.Int[0, 100], (tree, slot, invalid) =>
                new FuzzBody(WireText.Bytes(WireText.Json(JsonTreeSlots.Replace(tree, slot, JsonValue.Create("a" + WireText.InvalidUtf8Marker))), invalid), mediaType)),
            Gen.Select(text, Gen.Int[0, 10_000], Gen.Int[0, 100], (json, at, invalid) =>
                new FuzzBody(WireText.Bytes(json.Insert(at % (json.Length + 1), WireText.InvalidUtf8Marker), invalid), mediaType)),
            Gen.Select(Gen.Int[10, 5_000], Gen.Bool, (depth, arrays) => FuzzBody.Utf8(Nested(depth, arrays), mediaType)),
            Gen.Select(valid, Gen.Int[0, 1000], Gen.Int[10, 3_000], (tree, slot, depth) =>
                FuzzBody.Utf8(WireText.Json(JsonTreeSlots.Replace(tree, slot, JsonValue.Create("\uE001"))).Replace("\"\uE001\"", Nested(depth, true), StringComparison.Ordinal), mediaType)),
            text.Select(json => FuzzBody.Utf8(json.StartsWith('{') && json.Length > 2 ? json.Insert(1, json[1..].Split(',')[0].TrimEnd('}') + ",") : json, mediaType)),
            Gen.Select(text, Pick.One("x", "}", "{}", ",", "//c", "\u0000", " \n"), (json, tail) => FuzzBody.Utf8(json + tail, mediaType)),
            Gen.Select(text, Pick.One("\uFEFF", " ", "/*c*/", ")]}'"), (json, head) => FuzzBody.Utf8(head + json, mediaType)),
            Pick.One("", " ", "null", "[]", "\"\"", "{", "{\"a\":}").Select(body => FuzzBody.Utf8(body, mediaType)),
            Gen.Byte.Array[1, 256].Select(bytes => new FuzzBody(bytes, mediaType)),
            Gen.Int[65_000, 70_000].Select(length => FuzzBody.Utf8($"{{\"a\":\"{new string('a', length)}\"}}", mediaType)));
    }

    private static Gen<FuzzBody> Declared(Gen<JsonNode?> valid, string mediaType)
    {
        var text = valid.Select(WireText.Json);
        return Pick.OneOf(
            Gen.Select(text, Pick.One(Charsets), (json, charset) => new FuzzBody(Encode(json, charset), $"{mediaType}; charset={charset}")),
            text.Select(json => new FuzzBody(Encoding.UTF8.GetBytes(json), $"{mediaType}; charset=utf-16")),
            text.Select(json => new FuzzBody([.. Encoding.Unicode.GetBytes(json), 0x00, 0xD8, 0x41, 0x00], $"{mediaType}; charset=utf-16")),
            Gen.Select(text, Pick.One(OtherMediaTypes), (json, other) => FuzzBody.Utf8(json, other)),
            text.Select(json => FuzzBody.Utf8("a=b&c=d", "application/x-www-form-urlencoded")),
            text.Select(json => FuzzBody.Utf8($"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n{json}\r\n--b--\r\n", "multipart/form-data; boundary=b")),
            text.Select(json => FuzzBody.Utf8(json, "multipart/form-data")),
            text.Select(json => FuzzBody.Utf8(json, mediaType) with { Chunked = true }),
            Gen.Int[65_000, 70_000].Select(length => FuzzBody.Utf8($"{{\"a\":\"{new string('a', length)}\"}}", mediaType) with { Chunked = true }));
    }

    private static byte[] Encode(string json, string charset) => charset.Trim('"').ToLowerInvariant() switch
    {
        "utf-16" or "utf-16le" => Encoding.Unicode.GetBytes(json),
        "utf-16be" => Encoding.BigEndianUnicode.GetBytes(json),
        "utf-32" => Encoding.UTF32.GetBytes(json),
        "iso-8859-1" => Encoding.Latin1.GetBytes(json),
        _ => Encoding.UTF8.GetBytes(json),
    };

    private static string Nested(int depth, bool arrays) =>
        arrays ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
}
