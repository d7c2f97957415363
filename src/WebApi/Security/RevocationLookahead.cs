using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Infrastructure.Security;

namespace Orchestrator.WebApi.Security;

/// <summary>
/// With a remote revocation store (Redis), the revocation lookup for a request's bearer token starts as the
/// request arrives, just before the per-IP limit is asked: both questions go to Redis together (in one call of
/// <c>RedisRequestChecks</c>: the rate-limit middleware asks both inside its <c>GatherQuestions</c> scope) and
/// their answers come back together, one round trip instead of two in a row.
/// </summary>
/// <remarks>
/// The token is only read here, not trusted. After JWT bearer authentication has validated it, the early
/// answer is used only when it was looked up for exactly the validated token's <c>jti</c>, <c>sub</c> and
/// <c>ver</c>; otherwise the lookup is made again. A token this cannot read simply gets no early lookup.
/// </remarks>
public sealed class RevocationLookahead
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>A longer payload is not read early; its token is still validated, and looked up after that.</summary>
    private const int MaxPayloadChars = 4096;

    private static readonly byte[] VersionClaim = Encoding.UTF8.GetBytes(JwtAccessTokenIssuer.TokenVersionClaim);

    private readonly string _jti;
    private readonly Guid _userId;
    private readonly int _tokenVersion;
    private readonly Task<bool> _lookup;

    private RevocationLookahead(string jti, Guid userId, int tokenVersion, Task<bool> lookup)
    {
        _jti = jti;
        _userId = userId;
        _tokenVersion = tokenVersion;
        _lookup = lookup;
    }

    /// <summary>Starts the lookup for the request's bearer token, when the store is remote and the token can be read.</summary>
    public static void Start(HttpContext context, ITokenRevocationStore store)
    {
        if (!store.IsRemote)
        {
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.Ordinal)
            || !TryReadClaims(authorization.AsSpan(BearerPrefix.Length).Trim(), out var jti, out var userId, out var tokenVersion))
        {
            return;
        }

        var lookup = store.IsRevokedAsync(jti, userId, tokenVersion, context.RequestAborted).AsTask();
        context.Features.Set(new RevocationLookahead(jti, userId, tokenVersion, lookup));
    }

    /// <summary>Whether the validated token is revoked: the early answer when it was for this very token, else a new lookup.</summary>
    public static ValueTask<bool> IsRevokedAsync(HttpContext context, ITokenRevocationStore store, string jti, Guid userId, int tokenVersion)
    {
        var early = context.Features.Get<RevocationLookahead>();
        return early is not null
            && string.Equals(early._jti, jti, StringComparison.Ordinal)
            && early._userId == userId
            && early._tokenVersion == tokenVersion
            ? new ValueTask<bool>(early._lookup)
            : store.IsRevokedAsync(jti, userId, tokenVersion, context.RequestAborted);
    }

    // Only the payload's three claims are read: decoding the whole token (header, claim sets, signature) here
    // would double the work authentication does anyway moments later.
    private static bool TryReadClaims(ReadOnlySpan<char> token, out string jti, out Guid userId, out int tokenVersion)
    {
        jti = string.Empty;
        userId = Guid.Empty;
        tokenVersion = 0;
        var headerEnd = token.IndexOf('.');
        if (headerEnd < 0)
        {
            return false;
        }

        var afterHeader = token[(headerEnd + 1)..];
        var payloadLength = afterHeader.IndexOf('.');
        if (payloadLength <= 0 || payloadLength > MaxPayloadChars)
        {
            return false;
        }

        Span<byte> payload = stackalloc byte[Base64Url.GetMaxDecodedLength(payloadLength)];
        if (Base64Url.DecodeFromChars(afterHeader[..payloadLength], payload, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        try
        {
            return TryReadPayload(payload[..written], out jti, out userId, out tokenVersion);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that is not UTF-8: no early lookup.
            return false;
        }
    }

    private static bool TryReadPayload(ReadOnlySpan<byte> json, out string jti, out Guid userId, out int tokenVersion)
    {
        string? id = null;
        Guid? subject = null;
        int? version = null;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            jti = string.Empty;
            userId = Guid.Empty;
            tokenVersion = 0;
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("jti"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("sub"u8))
            {
                reader.Read();
                subject = reader.TokenType == JsonTokenType.String && Guid.TryParse(reader.GetString(), out var parsed) ? parsed : null;
            }
            else if (reader.ValueTextEquals(VersionClaim))
            {
                reader.Read();
                version = ReadTokenVersion(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        jti = id ?? string.Empty;
        userId = subject ?? Guid.Empty;
        tokenVersion = version ?? 0;
        return !string.IsNullOrEmpty(id) && subject is not null && version is not null;
    }

    // The issuer writes the version as a JSON number; a string holding a number is read the same way.
    private static int? ReadTokenVersion(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var number) => number,
        JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };
}
