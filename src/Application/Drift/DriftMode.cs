namespace Orchestrator.Application.Drift;

/// <summary>What a drift check does with what it finds.</summary>
public enum DriftMode
{
    /// <summary>Records and audits the differences only.</summary>
    Detect,

    /// <summary>Also queues a reconcile job that puts tags and security settings back.</summary>
    Reconcile,
}
