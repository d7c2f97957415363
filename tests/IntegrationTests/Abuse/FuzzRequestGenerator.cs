using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>
/// Generates random requests to every endpoint from one seed: random path ids, query parameters, headers,
/// credentials and bodies (valid-looking JSON, random JSON, broken JSON, random bytes, forms).
/// </summary>
public sealed class FuzzRequestGenerator(int seed, FuzzRequestGenerator.Identities identities)
{
    /// <summary>Every operation of the API; a test checks that the OpenAPI document lists no other.</summary>
    public static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", "/token"),
        ("POST", "/token/revoke"),
        ("GET", "/api/v1/me"),
        ("POST", "/api/v1/me/password"),
        ("POST", "/api/v1/me/mfa/totp"),
        ("POST", "/api/v1/me/mfa/totp/confirm"),
        ("DELETE", "/api/v1/me/mfa/totp"),
        ("POST", "/api/v1/users"),
        ("GET", "/api/v1/users"),
        ("GET", "/api/v1/users/{id}"),
        ("PATCH", "/api/v1/users/{id}"),
        ("POST", "/api/v1/users/{id}/sessions/revoke"),
        ("POST", "/api/v1/resources"),
        ("GET", "/api/v1/resources"),
        ("GET", "/api/v1/resources/{id}"),
        ("PATCH", "/api/v1/resources/{id}"),
        ("DELETE", "/api/v1/resources/{id}"),
        ("GET", "/api/v1/resources/{id}/policy"),
        ("PUT", "/api/v1/resources/{id}/policy"),
        ("GET", "/api/v1/audit"),
        ("POST", "/api/v1/admin/keys/jwt/rotate"),
        ("POST", "/api/v1/admin/keys/data/rotate"),
        ("GET", "/api/v1/regions"),
        ("GET", "/health/live"),
        ("GET", "/health/ready"),
        ("GET", "/swagger/v1/swagger.json"),
    ];

    private static readonly string[] Fields =
    [
        "name", "type", "region", "tags", "spec", "instanceType", "imageId", "engine", "instanceClass", "allocatedStorage",
        "versioning", "statements", "effect", "principals", "actions", "username", "password", "role", "disabled",
        "currentPassword", "newPassword", "code", "ownerId", "status", "id", "providerId", "__proto__", "constructor", "",
    ];

    private static readonly string[] QueryNames =
        ["type", "region", "status", "tag", "page", "pageSize", "userId", "resourceId", "action", "from", "to", "access_token", "x"];

    private static readonly string[] Words =
    [
        "", "a", "abc", "Web01", "ec2", "s3", "rds", "EC2", "us-east-1", "eu-west-2", "xx-nowhere-9", "pending", "active", "deleted", "deleting",
        "env:dev", "env:", ":dev", "aws:x", "Allow", "Deny", "*", "role:admin", "role:viewer", "user:", "read", "update", "delete", "create",
        "admin", "operator", "viewer", "t3.micro", "t3.medium", "ami-0123456789abcdef0", "ami-", "postgres", "mysql", "db.t3.micro",
        "password", "refresh_token", "client_credentials", "true", "false", "null", "0", "-1", "1e400", "2147483648", "99999999999999999999",
        "2026-01-01T00:00:00Z", "0001-01-01", "9999-12-31T23:59:59+14:00", "not-a-date", "' OR '1'='1", "'; DROP TABLE Resources; --",
        "<script>alert(1)</script>", "../../etc/passwd", "%00", "\u0000", "\uFFFF", "ü😀", "\t\r\n", "${jndi:ldap://x}", "{{7*7}}",
        "a long passphrase that is long enough",
    ];

    private readonly Random _random = new(seed);
    private int _number;

    /// <summary>What a generated request may present as its identity and target.</summary>
    public sealed record Identities(string AdminToken, string OperatorToken, string ViewerToken, string ResourceId, string UserId);

    public FuzzRequest Next()
    {
        var (method, template) = Endpoints[_random.Next(Endpoints.Length)];
        var url = template.Replace("{id}", Uri.EscapeDataString(PathId()), StringComparison.Ordinal);
        if (_random.NextDouble() < 0.5)
        {
            var parameters = Enumerable.Range(0, _random.Next(1, 5))
                .Select(_ => $"{Pick(QueryNames)}={Uri.EscapeDataString(QueryValue())}");
            url += "?" + string.Join('&', parameters);
        }

        var headers = new List<(string, string)>();
        var auth = Authorization(template);
        if (auth is not null)
        {
            headers.Add(("Authorization", auth));
        }

        if (_random.NextDouble() < 0.2)
        {
            headers.Add(("If-Match", Pick(["*", "\"0\"", "\"1\"", "W/\"1\"", "garbage", "\"" + RandomGuid() + "\"", ""])));
        }

        if (_random.NextDouble() < 0.2)
        {
            headers.Add(("Idempotency-Key", Pick(["k1", "k2", RandomGuid().ToString(), new string('k', 300), "ü", ""])));
        }

        if (_random.NextDouble() < 0.1)
        {
            headers.Add(("X-Forwarded-For", Pick(["203.0.113.7", "garbage", "1.1.1.1, 2.2.2.2", "::1", new string('9', 200)])));
        }

        var (body, contentType) = method is "GET" && _random.NextDouble() < 0.9 ? (null, null) : Body(template);
        return new FuzzRequest(++_number, new HttpMethod(method), url, headers, body, contentType);
    }

    private string PathId() => _random.Next(8) switch
    {
        0 or 1 => identities.ResourceId,
        2 => identities.UserId,
        3 => RandomGuid().ToString(),
        4 => Guid.Empty.ToString(),
        // The in-memory test host refuses a NUL in a path before the API sees it (Kestrel answers 400 itself).
        5 => Pick(Words).Replace('\0', '0'),
        6 => new string('1', _random.Next(1, 400)),
        _ => identities.ResourceId.ToUpperInvariant(),
    };

    private string QueryValue() => _random.Next(4) switch
    {
        0 => identities.UserId,
        1 => identities.ResourceId,
        2 => _random.Next(-5, 300).ToString(CultureInfo.InvariantCulture),
        _ => Pick(Words),
    };

    /// <summary>Mostly real tokens, so requests get past authentication; never the admin's on key rotation, which would end the run's own sessions.</summary>
    private string? Authorization(string template)
    {
        var rotation = template.StartsWith("/api/v1/admin/keys", StringComparison.Ordinal);
        return _random.Next(10) switch
        {
            0 or 1 or 2 when !rotation => $"Bearer {identities.AdminToken}",
            0 or 1 or 2 or 3 or 4 => $"Bearer {identities.OperatorToken}",
            5 or 6 => $"Bearer {identities.ViewerToken}",
            7 => null,
            8 => Pick(["Bearer", "Bearer x.y.z", "Basic YWRtaW46YWRtaW4=", $"Bearer {identities.OperatorToken[..^3]}abc", "Bearer " + new string('a', 5000)]),
            _ => $"bearer {identities.OperatorToken}",
        };
    }

    private (byte[]? Body, string? ContentType) Body(string template)
    {
        if (template.StartsWith("/token", StringComparison.Ordinal) && _random.NextDouble() < 0.8)
        {
            var fields = Enumerable.Range(0, _random.Next(0, 5)).Select(_ =>
                $"{Pick(["grant_type", "username", "password", "refresh_token", "otp", "token", "token_type_hint", "scope"])}={Uri.EscapeDataString(Pick(Words))}");
            return (Encoding.UTF8.GetBytes(string.Join('&', fields)), Pick(["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "multipart/form-data", "application/json"]));
        }

        var contentType = _random.Next(10) switch
        {
            0 => null,
            1 => Pick(["text/plain", "application/xml", "application/json; charset=latin1", "application/merge-patch+json", "*/*", "garbage"]),
            _ => "application/json",
        };
        var body = _random.Next(10) switch
        {
            0 => RandomBytes(),
            1 => Encoding.UTF8.GetBytes(Truncate(JsonObjectBody(3).ToJsonString())),
            2 => Encoding.UTF8.GetBytes(RandomJson(3)?.ToJsonString() ?? "null"),
            3 => [],
            _ => Encoding.UTF8.GetBytes(JsonObjectBody(3).ToJsonString()),
        };
        return (body, contentType);
    }

    private JsonObject JsonObjectBody(int depth)
    {
        var body = new JsonObject();
        for (var i = _random.Next(0, 6); i > 0; i--)
        {
            body[Pick(Fields)] = RandomJson(depth);
        }

        return body;
    }

    private JsonNode? RandomJson(int depth) => _random.Next(depth <= 0 ? 5 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonNode.Parse(Pick(["0", "-1", "20", "1000", "1001", "1e400", "-1e400", "99999999999999999999", "0.5", "2147483648"])),
        3 or 4 => JsonValue.Create(Pick(Words)),
        5 => new JsonArray([.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => RandomJson(depth - 1))]),
        6 => JsonObjectBody(depth - 1),
        _ => TagLike(),
    };

    private JsonObject TagLike()
    {
        var tags = new JsonObject();
        for (var i = _random.Next(0, 4); i > 0; i--)
        {
            tags[Pick(Words) + i.ToString(CultureInfo.InvariantCulture)] = Pick(Words);
        }

        return tags;
    }

    private Guid RandomGuid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(1, 512)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Truncate(string text) => text[..(text.Length <= 1 ? text.Length : _random.Next(1, text.Length))];

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
