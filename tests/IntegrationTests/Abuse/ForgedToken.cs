using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>Builds JWTs by hand (header, payload, signature), so a test can forge exactly the token it means to.</summary>
internal static class ForgedToken
{
    public static JsonObject Header(string alg, string? kid, string typ = "at+jwt")
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = typ };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        return header;
    }

    /// <summary>The decoded payload of a real token, to alter a claim and sign it again.</summary>
    public static JsonObject Payload(string token) =>
        JsonNode.Parse(Base64UrlEncoder.DecodeBytes(token.Split('.')[1]))!.AsObject();

    public static string Unsigned(JsonObject header, JsonObject payload) =>
        $"{Base64UrlEncoder.Encode(header.ToJsonString())}.{Base64UrlEncoder.Encode(payload.ToJsonString())}";

    public static string HmacSha256(JsonObject header, JsonObject payload, byte[] key)
    {
        var unsigned = Unsigned(header, payload);
        return $"{unsigned}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned)))}";
    }

    public static string HmacSha512(JsonObject header, JsonObject payload, byte[] key)
    {
        var unsigned = Unsigned(header, payload);
        return $"{unsigned}.{Base64UrlEncoder.Encode(HMACSHA512.HashData(key, Encoding.ASCII.GetBytes(unsigned)))}";
    }

    public static string Rs256(JsonObject header, JsonObject payload, RSA key)
    {
        var unsigned = Unsigned(header, payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{unsigned}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>A copy of the payload with one claim set (or removed, for null).</summary>
    public static JsonObject With(this JsonObject payload, string claim, JsonNode? value)
    {
        var copy = payload.DeepClone().AsObject();
        if (value is null)
        {
            copy.Remove(claim);
        }
        else
        {
            copy[claim] = value;
        }

        return copy;
    }
}
