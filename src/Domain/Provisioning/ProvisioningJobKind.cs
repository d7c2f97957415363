namespace Orchestrator.Domain.Provisioning;

/// <summary>What a provisioning job makes the cloud do for its resource.</summary>
public enum ProvisioningJobKind
{
    Create,
    Delete,
    UpdateTags,

    /// <summary>
    /// Deletes a resource whose creation left nothing of the service's in the cloud (its bucket name is another
    /// account's): the resource reaches <c>deleted</c> without a cloud call, which could only reach what is not ours.
    /// </summary>
    DeleteRecordOnly,

    /// <summary>Tags a forgotten resource <c>orchestrator:orphaned=true</c> in the cloud, keeping its other tags; never deletes.</summary>
    MarkOrphaned,

    /// <summary>Makes the cloud's deletion protection (rds) match the resource's; other types have none to set.</summary>
    ApplyDeletionProtection,

    /// <summary>Puts the cloud resource's tags and security settings back as recorded; never creates or deletes anything.</summary>
    Reconcile,
}
