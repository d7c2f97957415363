using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Secrets;

/// <summary>Reads a compact JWT's header without validating it.</summary>
public static class JwtHeader
{
    public static string? KeyIdOf(string token)
    {
        var header = token.Split('.')[0].Replace('-', '+').Replace('_', '/');
        header = header.PadRight(header.Length + ((4 - (header.Length % 4)) % 4), '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)))?["kid"]?.GetValue<string>();
    }
}
