namespace Orchestrator.Domain.Resources;

/// <summary>How a resource compared with the cloud at its last drift check.</summary>
public enum DriftState
{
    /// <summary>Never compared yet, or never compared successfully.</summary>
    Unknown,
    InSync,
    Drifted,
}
