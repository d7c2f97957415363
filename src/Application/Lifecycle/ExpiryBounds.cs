namespace Orchestrator.Application.Lifecycle;

/// <summary>The rule an <c>expiresAt</c> sent by a client must meet: in the future, and at most <c>Lifecycle:MaxLifetime</c> ahead.</summary>
public static class ExpiryBounds
{
    /// <summary>Null when <paramref name="expiresAt"/> is acceptable now, else the sentence for the 400's <c>errors</c>.</summary>
    public static string? Problem(DateTimeOffset expiresAt, DateTimeOffset now, TimeSpan? maxLifetime)
    {
        if (expiresAt <= now)
        {
            return "'expiresAt' must be in the future.";
        }

        if (maxLifetime is { } max && expiresAt > now + max)
        {
            return $"'expiresAt' must be at most {max} (Lifecycle:MaxLifetime) from now, that is no later than {(now + max).UtcDateTime:O}.";
        }

        return null;
    }
}
