using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Application.Resources.CreateResource;

/// <summary>A hash of a creation's body in canonical form (tags sorted), to tell a retry from a different request.</summary>
internal static class CreateResourceFingerprint
{
    public static string Of(CreateResourceCommand command)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            command.Name,
            command.Type,
            command.Region,
            Tags = (command.Tags ?? new Dictionary<string, string>()).OrderBy(tag => tag.Key, StringComparer.Ordinal).ToArray(),
            command.Spec,
            ExpiresAt = command.ExpiresAt?.UtcDateTime,
            command.DeletionProtection,
        });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
