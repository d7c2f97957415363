using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Resources;

/// <summary>A cloud resource managed by the service, with its lifecycle and its optimistic-concurrency version.</summary>
public sealed class Resource : IHasDomainEvents
{
    private readonly List<ResourceTag> _tags = [];
    private readonly List<ResourcePolicyGrant> _policyGrants = [];
    private readonly List<IDomainEvent> _domainEvents = [];

    private static readonly IReadOnlyDictionary<string, string> EmptyOutputs = new Dictionary<string, string>(StringComparer.Ordinal);

    private Resource()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public ResourceType Type { get; private set; }

    public string Region { get; private set; } = string.Empty;

    public ResourceSpec Spec { get; private set; } = new();

    public ResourceStatus Status { get; private set; }

    public string? StatusReason { get; private set; }

    /// <summary>One of the closed list of failure codes while <see cref="Status"/> is failed, otherwise null.</summary>
    public string? FailureCode { get; private set; }

    public string? ProviderId { get; private set; }

    /// <summary>What the owner needs to use the resource (ids, addresses; never a secret), empty until the cloud reported them.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; private set; } = EmptyOutputs;

    /// <summary>The enforced security settings as last read from the cloud, empty until it was read.</summary>
    public IReadOnlyList<PostureReading> Posture { get; private set; } = [];

    /// <summary>The last comparison with the cloud; null until the first drift check ended.</summary>
    public ResourceDrift? Drift { get; private set; }

    /// <summary>When the next drift check is due (null: as soon as the resource is active); a claimed check pushes it out by its lease.</summary>
    public DateTimeOffset? DriftCheckDueAt { get; private set; }

    public Guid OwnerId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token: bumped by every change, compared on save, exposed as the ETag.</summary>
    public long Version { get; private set; }

    public IReadOnlyCollection<ResourceTag> Tags => _tags;

    /// <summary>Who besides the owner and admins may act on the resource, and who may not.</summary>
    public ResourcePolicy Policy { get; private set; } = ResourcePolicy.Empty;

    /// <summary>The policy flattened for queries; always rebuilt together with <see cref="Policy"/>.</summary>
    public IReadOnlyCollection<ResourcePolicyGrant> PolicyGrants => _policyGrants;

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    /// <summary>When the service deletes the resource (unless <see cref="DeletionProtection"/> is on); null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>While on, a delete is refused (also at expiry); for rds it is also set in the cloud.</summary>
    public bool DeletionProtection { get; private set; }

    /// <summary>
    /// When the expiry scan next looks at the resource (its warning, its expiry, then daily while protection blocks it);
    /// null when nothing is due. A scan claims a due resource by moving this forward (its lease), and saves only while
    /// it still holds that value (a concurrency token). See docs/decisions/0028-expiry-protection-and-recovery.md.
    /// </summary>
    public DateTimeOffset? ExpiryCheckAt { get; private set; }

    public bool IsDeletingOrDeleted => Status is ResourceStatus.Deleting or ResourceStatus.Deleted;

    public static Resource Create(
        Guid id,
        string name,
        ResourceType type,
        string region,
        IReadOnlyDictionary<string, string> tags,
        ResourceSpec spec,
        Guid ownerId,
        DateTimeOffset now,
        DateTimeOffset? expiresAt = null,
        bool? deletionProtection = null,
        TimeSpan expiryWarning = default)
    {
        if (!ResourceRules.IsValidName(name))
        {
            throw new DomainRuleException("A resource name is 3 to 63 ASCII letters and digits.");
        }

        var resource = Rehydrate(
            id, name, type, region, spec, ResourceStatus.Pending, statusReason: null, providerId: null, ownerId,
            createdAt: now, updatedAt: now, version: 1, ResourcePolicy.Empty, tags.Select(tag => new ResourceTag(tag.Key, tag.Value)),
            failureCode: null, outputs: EmptyOutputs, posture: []);
        resource.DeletionProtection = deletionProtection ?? DefaultDeletionProtection(type);
        resource.ExpiresAt = expiresAt;
        resource.ExpiryCheckAt = ExpiryScheduleFor(expiresAt, expiryWarning, now);
        resource._domainEvents.Add(new ResourceCreated(id, type, region));
        return resource;
    }

    /// <summary>
    /// Rebuilds a resource exactly as it was stored, for readers that materialize it without EF: no rules run and
    /// no events are raised, because nothing happens to it. Its policy grants are derived from the policy, as on
    /// every change, so they are not read.
    /// </summary>
    public static Resource Rehydrate(
        Guid id,
        string name,
        ResourceType type,
        string region,
        ResourceSpec spec,
        ResourceStatus status,
        string? statusReason,
        string? providerId,
        Guid ownerId,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        long version,
        ResourcePolicy policy,
        IEnumerable<ResourceTag> tags,
        string? failureCode,
        IReadOnlyDictionary<string, string> outputs,
        IReadOnlyList<PostureReading> posture,
        ResourceDrift? drift = null,
        DateTimeOffset? driftCheckDueAt = null)
    {
        var resource = new Resource
        {
            Id = id,
            Name = name,
            Type = type,
            Region = region,
            Spec = spec,
            Status = status,
            StatusReason = statusReason,
            ProviderId = providerId,
            OwnerId = ownerId,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            Version = version,
            FailureCode = failureCode,
            Outputs = outputs,
            Posture = posture,
            Drift = drift,
            DriftCheckDueAt = driftCheckDueAt,
        };
        resource._tags.AddRange(tags);
        resource.SetPolicy(policy);
        return resource;
    }

    /// <summary>Databases are protected unless their owner says otherwise; nothing else is.</summary>
    public static bool DefaultDeletionProtection(ResourceType type) => type == ResourceType.Rds;

    /// <summary>Restores the lifecycle columns of a resource rebuilt by <see cref="Rehydrate"/>.</summary>
    public Resource WithLifecycle(DateTimeOffset? expiresAt, bool deletionProtection, DateTimeOffset? expiryCheckAt)
    {
        ExpiresAt = expiresAt;
        DeletionProtection = deletionProtection;
        ExpiryCheckAt = expiryCheckAt;
        return this;
    }

    public bool IsManaged => Status != ResourceStatus.Forgotten;

    public IReadOnlyDictionary<string, string> TagDictionary() =>
        _tags.ToDictionary(tag => tag.Key, tag => tag.Value, StringComparer.Ordinal);

    /// <summary>Replaces the whole tag set, updating tags in place so that unchanged keys keep their rows.</summary>
    public void ReplaceTags(IReadOnlyDictionary<string, string> tags, DateTimeOffset now)
    {
        ThrowUnlessChangeable("its tags");

        _tags.RemoveAll(tag => !tags.ContainsKey(tag.Key));
        foreach (var (key, value) in tags)
        {
            var existing = _tags.Find(tag => tag.Key == key);
            if (existing is null)
            {
                _tags.Add(new ResourceTag(key, value));
            }
            else
            {
                existing.Value = value;
            }
        }

        Touch(now);
        _domainEvents.Add(new ResourceTagsReplaced(Id, _tags.Count));
    }

    /// <summary>Sets or clears the expiry; the scan warns <paramref name="warning"/> before it.</summary>
    public void ChangeExpiry(DateTimeOffset? expiresAt, TimeSpan warning, DateTimeOffset now)
    {
        ThrowUnlessChangeable("its expiry");
        ExpiresAt = expiresAt;
        ExpiryCheckAt = ExpiryScheduleFor(expiresAt, warning, now);
        Touch(now);
        _domainEvents.Add(new ResourceExpiryChanged(Id, expiresAt));
    }

    /// <summary>Turns deletion protection on or off; returns false (and records nothing) when it already was.</summary>
    public bool ChangeDeletionProtection(bool on, DateTimeOffset now)
    {
        ThrowUnlessChangeable("its deletion protection");
        if (DeletionProtection == on)
        {
            return false;
        }

        DeletionProtection = on;
        if (!on && ExpiresAt <= now)
        {
            // Expiry was blocked by the protection just lifted: the next scan deletes it.
            ExpiryCheckAt = now;
        }

        Touch(now);
        _domainEvents.Add(new ResourceProtectionChanged(Id, on));
        return true;
    }

    /// <summary>The expiry scan's warning: records <c>resource.expiring</c> and schedules the expiry itself.</summary>
    public void NoteExpiring(DateTimeOffset now)
    {
        if (ExpiresAt is not { } expiresAt)
        {
            ExpiryCheckAt = null;
            return;
        }

        _domainEvents.Add(new ResourceExpiring(Id, expiresAt));
        ExpiryCheckAt = expiresAt > now ? expiresAt : now;
    }

    /// <summary>
    /// The resource's time is up. Deletion protection wins: the expiry is recorded as blocked and the owner is warned
    /// again after <paramref name="blockedRecheck"/>; otherwise deletion is requested. True when it was.
    /// </summary>
    public bool Expire(DateTimeOffset now, TimeSpan blockedRecheck)
    {
        if (ExpiresAt is not { } expiresAt || Status is not (ResourceStatus.Active or ResourceStatus.Failed))
        {
            return false;
        }

        if (DeletionProtection)
        {
            _domainEvents.Add(new ResourceExpiryBlocked(Id, expiresAt));
            _domainEvents.Add(new ResourceExpiring(Id, expiresAt));
            ExpiryCheckAt = now + blockedRecheck;
            return false;
        }

        _domainEvents.Add(new ResourceExpired(Id, expiresAt));
        return RequestDeletion(now);
    }

    /// <summary>
    /// A new resource whose creation broke <c>requireApproval</c> rules waits for an approver instead of being
    /// provisioned; called before it is first saved, so it is created in that state.
    /// </summary>
    public void HoldForApproval()
    {
        if (Status != ResourceStatus.Pending || Version != 1)
        {
            throw new DomainRuleException("Only a resource being created can wait for an approval.");
        }

        Status = ResourceStatus.AwaitingApproval;
    }

    /// <summary>An approver approved the creation: it is pending, for the create job.</summary>
    public void ApproveCreation(DateTimeOffset now) => MoveTo(ResourceStatus.Pending, null, now);

    /// <summary>The creation was rejected (by an approver, or because nobody decided in time); <paramref name="reason"/> says which.</summary>
    public void RejectCreation(string reason, DateTimeOffset now)
    {
        MoveTo(ResourceStatus.Rejected, reason, now);
        ExpiryCheckAt = null;
    }

    /// <summary>A failed creation goes back to pending, for the create job to try again with the same idempotent calls.</summary>
    public void Retry(DateTimeOffset now)
    {
        var failureCode = FailureCode;
        MoveTo(ResourceStatus.Pending, null, now);
        _domainEvents.Add(new ResourceRetried(Id, failureCode));
    }

    /// <summary>Stops managing the resource; it stays in the cloud. Returns false when it was already forgotten.</summary>
    public bool Forget(DateTimeOffset now)
    {
        if (Status == ResourceStatus.Forgotten)
        {
            return false;
        }

        var from = Status;
        MoveTo(ResourceStatus.Forgotten, null, now);
        ExpiryCheckAt = null;
        _domainEvents.Add(new ResourceForgotten(Id, from));
        return true;
    }

    /// <summary>Replaces the whole policy (an empty one clears it).</summary>
    public void ReplacePolicy(ResourcePolicy policy, DateTimeOffset now)
    {
        SetPolicy(policy);
        Touch(now);
        _domainEvents.Add(new ResourcePolicyReplaced(Id, policy.Statements.Count));
    }

    /// <summary>Moves a live resource to deleting. Returns false when deletion was already requested.</summary>
    public bool RequestDeletion(DateTimeOffset now)
    {
        if (IsDeletingOrDeleted)
        {
            return false;
        }

        if (!IsManaged)
        {
            throw new DomainRuleException("The resource is forgotten: the service no longer manages it, so it cannot delete it.");
        }

        if (DeletionProtection)
        {
            throw new DeletionProtectedException(Id);
        }

        ExpiryCheckAt = null;
        Status = ResourceStatus.Deleting;
        StatusReason = null;
        FailureCode = null;
        Touch(now);
        _domainEvents.Add(new ResourceDeletionRequested(Id));
        return true;
    }

    public void MarkProvisioning(DateTimeOffset now) => MoveTo(ResourceStatus.Provisioning, null, now);

    public void MarkActive(string providerId, DateTimeOffset now) =>
        MarkActive(providerId, EmptyOutputs, [], now);

    /// <summary>The cloud finished creating it: keeps what the owner needs to use it and the settings read back.</summary>
    public void MarkActive(string providerId, IReadOnlyDictionary<string, string> outputs, IReadOnlyList<PostureReading> posture, DateTimeOffset now)
    {
        MoveTo(ResourceStatus.Active, null, now);
        ProviderId = providerId;
        Outputs = ResourceCloudReport.BoundOutputs(outputs);
        Posture = ResourceCloudReport.BoundPosture(posture);
    }

    /// <summary>A permanent failure: <paramref name="failureCode"/> from the closed list, <paramref name="reason"/> a sentence for the owner.</summary>
    public void MarkFailed(string failureCode, string reason, DateTimeOffset now)
    {
        MoveTo(ResourceStatus.Failed, reason, now);
        FailureCode = failureCode;
    }

    public void MarkDeleted(DateTimeOffset now) => MoveTo(ResourceStatus.Deleted, null, now);

    private void MoveTo(ResourceStatus next, string? reason, DateTimeOffset now)
    {
        if (!ResourceLifecycle.CanMove(Status, next))
        {
            throw new DomainRuleException($"A resource cannot move from {Status} to {next}.");
        }

        _domainEvents.Add(new ResourceStatusChanged(Id, Status, next));
        Status = next;
        StatusReason = reason;
        FailureCode = null;
        Touch(now);
    }

    /// <summary>
    /// Keeps the outcome of a drift check and the settings it read (none when the resource is gone). A new set of
    /// differences is a change of the resource (new version, audited once); the same set again only moves <c>checkedAt</c>.
    /// </summary>
    public void RecordDriftCheck(IReadOnlyList<DriftDifference> differences, IReadOnlyList<PostureReading> posture, DateTimeOffset now)
    {
        var bounded = ResourceDrift.Bound(differences);
        var previous = Drift?.Differences ?? [];
        Drift = new ResourceDrift(bounded.Count == 0 ? DriftState.InSync : DriftState.Drifted, now, bounded);
        if (posture.Count > 0)
        {
            Posture = ResourceCloudReport.BoundPosture(posture);
        }

        if (!ResourceDrift.SameDifferences(previous, bounded))
        {
            Touch(now);
            if (bounded.Count > 0)
            {
                _domainEvents.Add(new ResourceDrifted(Id, bounded));
            }
        }
    }

    /// <summary>Tags and settings were put back: audited with what was repaired, then recorded as the check after it.</summary>
    public void RecordReconciled(IReadOnlyList<DriftDifference> before, IReadOnlyList<DriftDifference> after, IReadOnlyList<PostureReading> posture, DateTimeOffset now)
    {
        var remaining = after.Select(d => d.Field).ToHashSet(StringComparer.Ordinal);
        _domainEvents.Add(new ResourceReconciled(Id, [.. before.Select(d => d.Field).Where(f => !remaining.Contains(f))], after.Count));
        RecordDriftCheck(after, posture, now);
    }

    /// <summary>When the next drift check is due; not a change of the resource (no new version).</summary>
    public void ScheduleDriftCheck(DateTimeOffset dueAt) => DriftCheckDueAt = dueAt;

    public void ClearDomainEvents() => _domainEvents.Clear();

    /// <summary>The first look of the expiry scan: the warning time, or now when that has passed; null without an expiry.</summary>
    private static DateTimeOffset? ExpiryScheduleFor(DateTimeOffset? expiresAt, TimeSpan warning, DateTimeOffset now) =>
        expiresAt is { } at ? (at - warning > now ? at - warning : now) : null;

    private void ThrowUnlessChangeable(string what)
    {
        if (IsDeletingOrDeleted || !IsManaged)
        {
            throw new DomainRuleException($"The resource is {Status.ToString().ToLowerInvariant()}; {what} can no longer change.");
        }
    }

    private void SetPolicy(ResourcePolicy policy)
    {
        Policy = policy;
        _policyGrants.Clear();
        _policyGrants.AddRange(policy.Grants().Select(g => new ResourcePolicyGrant(g.Effect, g.Principal, g.Action)));
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
