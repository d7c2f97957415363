namespace Orchestrator.Infrastructure.Security;

/// <summary>Access-token settings (configuration section <c>Jwt</c>).</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>RFC 9068 media type of an access token, checked on every request.</summary>
    public const string AccessTokenType = "at+jwt";

    public string Issuer { get; set; } = "orchestrator";

    public string Audience { get; set; } = "orchestrator-api";

    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>At most 30 seconds (the framework's default of 5 minutes is too generous).</summary>
    public int ClockSkewSeconds { get; set; } = 30;
}
