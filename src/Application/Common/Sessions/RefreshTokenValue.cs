using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Application.Common.Sessions;

/// <summary>Refresh tokens are 256 random bits handed to the client once; only their SHA-256 is stored.</summary>
public static class RefreshTokenValue
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
