using Orchestrator.Application.Common.Exceptions;

namespace Orchestrator.Application.Resources.Common;

/// <summary>Strong entity tags built from the resource's concurrency version, and If-Match evaluation (RFC 9110 13.1.1).</summary>
public static class ResourceETag
{
    public static string Of(long version) => $"\"v{version}\"";

    /// <summary>Refuses a change whose If-Match names another version (412).</summary>
    public static void ThrowIfStale(string? ifMatch, long currentVersion)
    {
        if (!Satisfies(ifMatch, currentVersion))
        {
            throw new PreconditionFailedException("The resource has changed since it was read; GET it again and retry with its new ETag.");
        }
    }

    /// <summary>True when there is no If-Match, when it is "*", or when one of its tags is the current one.</summary>
    public static bool Satisfies(string? ifMatch, long currentVersion)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return true;
        }

        var current = Of(currentVersion);
        foreach (var candidate in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // Weak tags never match under the strong comparison If-Match requires.
            if (candidate == "*" || string.Equals(candidate, current, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
