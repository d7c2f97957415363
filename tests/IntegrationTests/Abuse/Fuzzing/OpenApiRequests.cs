using System.Text.Json.Nodes;
using CsCheck;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// Generates requests to every operation of the served OpenAPI document, with no list of its own: the operation, then
/// its method (rarely another one), path parameters, query string, headers, caller and body, each from the document's
/// schemas and then mutated. In every choice the ordinary case comes first, so CsCheck's size order shrinks a failing
/// request toward the plainest one that still fails.
/// </summary>
public sealed class OpenApiRequests
{
    private static readonly string[] OtherMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>
    /// Path segments that are not what a route expects: not ids, encoded slashes and dots, long, unicode. No %00: the
    /// test client refuses it, and Kestrel answers such a path itself before the API sees it.
    /// </summary>
    private static readonly string[] OddPathSegments =
    [
        "not-a-guid", "%2F", "a%2Fb", "%2e%2e", "..", "%252F", "%", "%zz", "-1", "0", "1e400", "ü😀", "%FF",
        "{00000000-0000-0000-0000-000000000000}", "00000000-0000-0000-0000-000000000000", "' OR '1'='1",
    ];

    /// <summary>Query text as it goes on the wire: broken percent-encoding, bare names, empty pairs, brackets.</summary>
    private static readonly string[] OddQueryText = ["%", "%zz", "%FF", "%C0%80", "%E2%82", "a", "=", "&&", "a=b=c", "a[=1", "a[]=1", "+", "%00", "a=%u0041"];

    private readonly ServedOpenApiDocument _document;
    private readonly JsonSchemaValues _values;
    private readonly JsonBodies _json;
    private readonly FormBodies _forms;
    private readonly IReadOnlyList<string> _knownIds;
    private readonly IReadOnlyList<string> _accounts;

    public OpenApiRequests(ServedOpenApiDocument document, IReadOnlyList<string> knownIds, IReadOnlyList<string> accounts)
    {
        _document = document;
        _knownIds = knownIds;
        _accounts = accounts;
        _values = new JsonSchemaValues(document, knownIds);
        _json = new JsonBodies(_values);
        _forms = new FormBodies(_values);
        var perOperation = document.Operations.Select(For).ToArray();
        Requests = Gen.Int[0, perOperation.Length - 1].SelectMany(i => perOperation[i]);
    }

    public Gen<FuzzRequest> Requests { get; }

    private Gen<FuzzRequest> For(ApiOperation operation)
    {
        var method = Pick.Weighted((19, Gen.Const(operation.Method)), (1, Pick.One(OtherMethods)));
        var path = new EachOf<(string Name, string Value)>([.. operation.Parameters.Where(p => p.In == "path").Select(PathValue)])
            .Select(values => values.Aggregate(operation.Path, (url, p) => url.Replace("{" + p.Name + "}", p.Value, StringComparison.Ordinal)));
        var query = Gen.Select(
            new EachOf<string?>([.. operation.Parameters.Where(p => p.In == "query").Select(QueryPair)]),
            Pick.Weighted((7, Gen.Const<string?>((string?)null)), (3, ExtraQuery(operation))),
            (pairs, extra) => string.Join('&', pairs.Append(extra).Where(p => p is not null)));
        var headers = Gen.Select(
            new EachOf<(string Name, string Value)?>([.. operation.Parameters.Where(p => p.In == "header").Select(HeaderValue)]),
            Pick.Weighted((9, Gen.Const<(string Name, string Value)?>(((string Name, string Value)?)null)), (1, ExtraHeader())),
            (declared, extra) => (IReadOnlyList<(string Name, string Value)>)[.. declared.Append(extra).OfType<(string Name, string Value)>()]);
        return Gen.Select(method, path, query, Caller(operation), headers, Body(operation), (verb, url, q, caller, h, body) =>
            new FuzzRequest(operation, verb, q.Length == 0 ? url : $"{url}?{q}", caller, h, body));
    }

    private Gen<(string Name, string Value)> PathValue(ApiParameter parameter)
    {
        var valid = _values.Valid(parameter.Schema).Select(v => Uri.EscapeDataString(v is JsonValue s && s.TryGetValue<string>(out var text) ? text : v?.ToJsonString() ?? ""));
        var odd = Pick.OneOf(
            Pick.One(OddPathSegments),
            Gen.Int[100, 4_000].Select(n => new string('1', n)),
            Pick.One([.. _knownIds]).Select(id => id.ToUpperInvariant()));
        return Pick.Weighted((7, valid), (3, odd)).Select(v => (parameter.Name, v));
    }

    private Gen<string?> QueryPair(ApiParameter parameter)
    {
        var name = Uri.EscapeDataString(parameter.Name);
        var valid = _values.Valid(parameter.Schema).Select(v => (string?)$"{name}={Uri.EscapeDataString(Text(v))}");
        var wrong = _values.WrongKind(parameter.Schema).Select(v => (string?)$"{name}={Uri.EscapeDataString(Text(v))}");
        var odd = Pick.OneOf(
            Pick.One(OddQueryText).Select(v => (string?)$"{name}={v}"),
            Gen.Int[1_000, 6_000].Select(n => (string?)$"{name}={new string('9', n)}"),
            Gen.Select(valid, wrong, (a, b) => (string?)$"{a}&{b}"));
        return Pick.Weighted((10, Gen.Const<string?>((string?)null)), (7, valid), (3, wrong), (2, odd));
    }

    private Gen<string?> ExtraQuery(ApiOperation operation)
    {
        var names = operation.Parameters.Where(p => p.In == "query").Select(p => p.Name).DefaultIfEmpty("x").ToArray();
        return Pick.OneOf(
            Gen.Select(Pick.One(names), _values.Plausible, (n, v) => (string?)$"{n}={Uri.EscapeDataString(v)}&{n}={Uri.EscapeDataString(v)}x"),
            Gen.Select(_values.Plausible, _values.Plausible, (n, v) => (string?)$"{Uri.EscapeDataString(n)}={Uri.EscapeDataString(v)}"),
            Pick.One(OddQueryText).Select(q => (string?)q),
            Gen.Int[1_000, 6_000].Select(n => (string?)$"{names[0]}={new string('a', n)}"));
    }

    private Gen<(string Name, string Value)?> HeaderValue(ApiParameter parameter) =>
        Pick.Weighted(
            (5, Gen.Const<(string Name, string Value)?>(((string Name, string Value)?)null)),
            (3, _values.Valid(parameter.Schema).Select(v => ((string Name, string Value)?)(parameter.Name, HeaderText(Text(v))))),
            (2, OddHeaderText().Select(v => ((string Name, string Value)?)(parameter.Name, v))));

    /// <summary>A header some other operation declares, or a value the edge reads, sent where nobody expects it.</summary>
    private Gen<(string Name, string Value)?> ExtraHeader() =>
        Gen.Select(Pick.One([.. _document.HeaderNames, "Accept", "Origin", "X-Forwarded-For", "Content-Encoding"]), OddHeaderText(), (n, v) => ((string Name, string Value)?)(n, v));

    /// <summary>Header values a client can really send (visible ASCII, spaces, tabs): Kestrel refuses other bytes before the API sees them.</summary>
    private Gen<string> OddHeaderText() => Pick.OneOf(
        Pick.One("", "*", "\"1\"", "W/\"1\"", "\"unterminated", "a, b", "\"\"", "garbage", "gzip", "application/xml", "http://evil.example", "1.1.1.1, 2.2.2.2", "null"),
        _values.Plausible.Select(HeaderText),
        Gen.Int[200, 6_000].Select(n => new string('k', n)),
        Gen.String[Gen.Char[' ', '~'], 0, 40]);

    private Gen<string> Caller(ApiOperation operation)
    {
        // A signing-key rotation as admin ends every token of the run (the run then signs in again): keep it rare.
        var admin = operation.Path.Contains("/keys/", StringComparison.Ordinal) ? 1 : 70;
        return Pick.Weighted(
            (admin, Gen.Const(FuzzCallers.Admin)),
            (8, Gen.Const(FuzzCallers.Anonymous)),
            (7, Pick.One([.. FuzzCallers.Forged])),
            (6, Pick.One([.. _accounts.Where(a => a != FuzzCallers.Admin).DefaultIfEmpty(FuzzCallers.Admin)])),
            (5, Pick.One([.. FuzzCallers.Garbage])));
    }

    private Gen<FuzzBody?> Body(ApiOperation operation)
    {
        if (operation.Bodies.Count == 0)
        {
            return Pick.Weighted((9, Gen.Const<FuzzBody?>((FuzzBody?)null)), (1, _json.Unexpected().Select(b => (FuzzBody?)b)));
        }

        var bodies = operation.Bodies.Select(b => b.MediaType.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal)
            ? _forms.For(b.Schema)
            : _json.For(b.MediaType, b.Schema)).ToArray();
        return Pick.Weighted(
            (19, Pick.OneOf(bodies).Select(b => (FuzzBody?)b)),
            (1, Gen.Const<FuzzBody?>((FuzzBody?)null)));
    }

    private static string Text(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : value is JsonValue n && n.TryGetValue<bool>(out var b) ? (b ? "true" : "false")
        : value?.ToJsonString() ?? string.Empty;

    private static string HeaderText(string value) =>
        new([.. value.Where(c => c is >= ' ' and <= '~')]);
}
