namespace Orchestrator.Application.Common.Secrets;

/// <summary>The current value of a secret and the one it replaced (Secrets Manager's AWSCURRENT and AWSPREVIOUS).</summary>
public sealed record SecretVersions(string Current, string? Previous)
{
    /// <summary>Never prints the values: a record's generated ToString would put secrets into logs.</summary>
    public override string ToString() => nameof(SecretVersions);
}
