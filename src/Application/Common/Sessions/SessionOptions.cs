namespace Orchestrator.Application.Common.Sessions;

/// <summary>Refresh-token lifetimes (configuration section <c>Sessions</c>; OWASP ASVS L2 3.3.2).</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>A refresh token unused this long expires.</summary>
    public int IdleMinutes { get; set; } = 30;

    /// <summary>No session outlives this, however often it is refreshed.</summary>
    public int AbsoluteHours { get; set; } = 12;
}
