namespace Orchestrator.WebApi.Edge;

/// <summary>The <c>Cors</c> configuration section.</summary>
public sealed class CorsSettings
{
    public const string SectionName = "Cors";

    /// <summary>Used when the configuration names no origin at all.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedOrigins = ["https://app.example.com"];

    /// <summary>
    /// Browser origins (scheme, host and port only) that may call the API with credentials.
    /// Null means "not configured" (an array bound from configuration would be appended to a default).
    /// </summary>
    public string[]? AllowedOrigins { get; set; }

    public IReadOnlyList<string> EffectiveOrigins => AllowedOrigins is { Length: > 0 } origins ? origins : DefaultAllowedOrigins;
}
