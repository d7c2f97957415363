using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Application.Common.Admission;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Infrastructure.Security;

/// <summary>
/// Reads an access token's <c>jti</c>, <c>sub</c> and <c>ver</c> before the token is validated, so that its
/// revocation lookup can be prefetched with the request's rate check (decision 0012).
/// </summary>
/// <remarks>
/// The token is only read here, not trusted: a prefetched answer stands only for a validated token with exactly
/// these three claims. Only the payload's three claims are read: decoding the whole token (header, claim sets,
/// signature) would double the work authentication does anyway moments later. A token this cannot read simply
/// gets no prefetch.
/// </remarks>
public static class UnvalidatedAccessTokenReader
{
    /// <summary>A longer payload is not read early; its token is still validated, and looked up after that.</summary>
    private const int MaxPayloadChars = 4096;

    private static readonly byte[] TokenIdClaim = Encoding.UTF8.GetBytes(AccessTokenClaims.TokenId);
    private static readonly byte[] SubjectClaim = Encoding.UTF8.GetBytes(AccessTokenClaims.Subject);
    private static readonly byte[] TokenVersionClaim = Encoding.UTF8.GetBytes(AccessTokenClaims.TokenVersion);

    public static bool TryReadRevocationKey(ReadOnlySpan<char> token, out TokenRevocationKey key)
    {
        key = default;
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
            return TryReadPayload(payload[..written], out key);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that is not UTF-8: no prefetch.
            return false;
        }
    }

    private static bool TryReadPayload(ReadOnlySpan<byte> json, out TokenRevocationKey key)
    {
        key = default;
        string? id = null;
        Guid? subject = null;
        int? version = null;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(TokenIdClaim))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals(SubjectClaim))
            {
                reader.Read();
                subject = reader.TokenType == JsonTokenType.String && Guid.TryParse(reader.GetString(), out var parsed) ? parsed : null;
            }
            else if (reader.ValueTextEquals(TokenVersionClaim))
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

        if (string.IsNullOrEmpty(id) || subject is not { } userId || version is not { } tokenVersion)
        {
            return false;
        }

        key = new TokenRevocationKey(id, userId, tokenVersion);
        return true;
    }

    // The issuer writes the version as a JSON number; a string holding a number is read the same way.
    private static int? ReadTokenVersion(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var number) => number,
        JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };
}
