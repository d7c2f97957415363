using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// Form bodies (application/x-www-form-urlencoded) for one schema: its fields with plausible values first, then odd field
/// names (brackets, percent signs, broken percent-encoding, invalid UTF-8), odd values, repeated, missing and unknown
/// fields, odd separators, and the same fields declared as another media type or charset, or sent as multipart.
/// </summary>
public sealed class FormBodies(JsonSchemaValues values)
{
    private const string FormType = "application/x-www-form-urlencoded";

    /// <summary>Names and values as they go on the wire, percent-encoding included; the marker becomes invalid UTF-8.</summary>
    private static readonly string[] OddWireText =
    [
        "a[", "[", "]", "a]", "a[b]", "a[b", "a[]", "a[0]", "a[[", "%", "%zz", "%5B", "a%5B", "%5Bb", "%E2%82", "%FF", "%C0%80", "%00",
        "a+b", "%2B", "=", "", "a" + WireText.InvalidUtf8Marker, "%u0041", "%%", "a%2", "%F0%9F%98",
    ];

    /// <summary>Standard OAuth form fields (RFC 6749, RFC 7009) that a token endpoint may read although its schema lists others.</summary>
    private static readonly string[] OAuthFields = ["grant_type", "username", "password", "refresh_token", "token", "token_type_hint", "otp", "scope", "client_id"];

    public Gen<FuzzBody> For(JsonNode schema)
    {
        var fields = Valid(schema);
        var body = Pick.Weighted(
            (40, fields.Select(list => new FuzzBody(WireText.Bytes(Join(list)), FormType))),
            (35, Mutated(fields)),
            (10, Gen.Select(fields, Pick.One("&&", ";", "&", "&=&"), (list, separator) => (list, separator))
                .Select(p => new FuzzBody(WireText.Bytes(string.Join(p.separator, p.list.Select(f => $"{f.Name}={f.Value}"))), FormType))),
            (15, Declared(fields)));
        return body;
    }

    private Gen<FuzzBody> Mutated(Gen<List<(string Name, string Value)>> fields)
    {
        var pick = Gen.Int[0, 100];
        var odd = Pick.One(OddWireText);
        var mutation = Pick.OneOf(
            Gen.Select(pick, odd, (i, name) => (Func<List<(string Name, string Value)>, List<(string Name, string Value)>>)(list => Renamed(list, i, name))),
            Gen.Select(odd, values.Plausible, (name, value) => (Func<List<(string Name, string Value)>, List<(string Name, string Value)>>)(list => [.. list, (name, Escape(value))])),
            Gen.Select(pick, odd, (i, value) => (Func<List<(string Name, string Value)>, List<(string Name, string Value)>>)(list => Revalued(list, i, value))),
            Gen.Select(pick, Gen.Int[1_000, 70_000], (i, length) => (Func<List<(string Name, string Value)>, List<(string Name, string Value)>>)(list => Revalued(list, i, new string('a', length)))),
            Gen.Select(pick, Pick.One(JsonSchemaValues.OddStrings), (i, value) => (Func<List<(string Name, string Value)>, List<(string Name, string Value)>>)(list => Revalued(list, i, Escape(value)))),
            Gen.Select(pick, values.Plausible, (i, value) => (Func<List<(string Name, string Value)>, List<(string Name, string Value)>>)(list =>
                list.Count == 0 ? list : [.. list, (list[i % list.Count].Name, Escape(value))])),
            pick.Select(i => (Func<List<(string Name, string Value)>, List<(string Name, string Value)>>)(list =>
                list.Count == 0 ? list : [.. list.Where((_, j) => j != i % list.Count)])),
            Gen.Select(Pick.One(OAuthFields), values.Plausible, (name, value) => (Func<List<(string Name, string Value)>, List<(string Name, string Value)>>)(list => [.. list, (name, Escape(value))])),
            pick.Select(i => (Func<List<(string Name, string Value)>, List<(string Name, string Value)>>)(list =>
                list.Count == 0 ? list : [.. list.Select((f, j) => j == i % list.Count ? (f.Name, (string)null!) : f)])));
        return Gen.Select(fields, mutation.List[1, 3], (list, changes) => changes.Aggregate(list, (current, change) => change(current)))
            .Select(list => new FuzzBody(WireText.Bytes(Join(list)), FormType));
    }

    private static Gen<FuzzBody> Declared(Gen<List<(string Name, string Value)>> fields) => Pick.OneOf(
        fields.Select(list => new FuzzBody(WireText.Bytes(Join(list)), FormType + "; charset=utf-8")),
        fields.Select(list => new FuzzBody(WireText.Bytes(Join(list)), FormType + "; charset=utf-16")),
        fields.Select(list => new FuzzBody([.. Encoding.Unicode.GetBytes(Join(list)), 0x00, 0xD8], FormType + "; charset=utf-16")),
        fields.Select(list => new FuzzBody(WireText.Bytes(Join(list)), FormType + "; charset=bogus")),
        fields.Select(list => new FuzzBody(WireText.Bytes(Join(list)), null)),
        fields.Select(list => new FuzzBody(WireText.Bytes(Join(list)), "text/plain")),
        fields.Select(list => new FuzzBody(WireText.Bytes(Join(list)), FormType) with { Chunked = true }),
        fields.Select(list => FuzzBody.Utf8(WireText.Json(new JsonObject(list.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)JsonValue.Create(Uri.UnescapeDataString(f.Value ?? "")))).DistinctBy(p => p.Key))), "application/json")),
        Gen.Select(fields, Pick.One(OddWireText), (list, odd) => new FuzzBody(WireText.Bytes(Multipart([.. list, (odd, "x")])), "multipart/form-data; boundary=b")),
        fields.Select(list => new FuzzBody(WireText.Bytes(Multipart(list)), "multipart/form-data")));

    private Gen<List<(string Name, string Value)>> Valid(JsonNode schema) =>
        values.Valid(schema).Select(node => node is JsonObject o
            ? o.Select(p => (p.Key, Escape(p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? ""))).ToList()
            : []);

    private static List<(string Name, string Value)> Renamed(List<(string Name, string Value)> list, int i, string name) =>
        list.Count == 0 ? [(name, "x")] : [.. list.Select((f, j) => j == i % list.Count ? (name, f.Value) : f)];

    private static List<(string Name, string Value)> Revalued(List<(string Name, string Value)> list, int i, string value) =>
        list.Count == 0 ? [("x", value)] : [.. list.Select((f, j) => j == i % list.Count ? (f.Name, value) : f)];

    private static string Escape(string value) => Uri.EscapeDataString(value.Length > 30_000 ? value[..30_000] : value);

    /// <summary>Fields joined as name=value; a null value makes a bare name with no '='.</summary>
    private static string Join(List<(string Name, string Value)> list) =>
        string.Join('&', list.Select(f => f.Value is null ? f.Name : $"{f.Name}={f.Value}"));

    private static string Multipart(List<(string Name, string Value)> list) =>
        string.Concat(list.Select(f => $"--b\r\nContent-Disposition: form-data; name=\"{f.Name}\"\r\n\r\n{f.Value}\r\n")) + "--b--\r\n";
}
