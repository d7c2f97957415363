namespace Orchestrator.WebApi.Security;

/// <summary>Configuration section <c>Jwt:ValidationCache</c>: the token validation cache of <see cref="CachingJsonWebTokenHandler"/>.</summary>
public sealed class TokenValidationCacheOptions
{
    public const string SectionName = "Jwt:ValidationCache";

    /// <summary>The most a cache may hold: at about 5 KB a token, 100,000 is about 500 MB.</summary>
    public const int MaxCapacity = 100_000;

    /// <summary>False validates every token in full, every time.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many valid tokens one instance caches at most.</summary>
    public int Capacity { get; set; } = 1024;
}
