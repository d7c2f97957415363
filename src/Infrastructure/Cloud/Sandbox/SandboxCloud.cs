using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Sandbox;

/// <summary>
/// The simulated cloud: resources keyed by their deterministic name (so a repeated create returns the
/// first one, as AWS does with a client token or an owned bucket), with AWS-like states that advance
/// with time. One instance per process; tests may share one between hosts to simulate a restart.
/// </summary>
public sealed class SandboxCloud(IOptions<SandboxCloudOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, SandboxResource> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, int> _creations = new();
    private readonly ConcurrentDictionary<Guid, int> _calls = new();
    private readonly ConcurrentDictionary<string, int> _describeCalls = new(StringComparer.Ordinal);

    /// <summary>Failure injection for tests: runs after a create call reached the cloud, before its answer is returned.</summary>
    public Func<CloudResource, CancellationToken, Task>? AfterCreateCall { get; set; }

    /// <summary>Observation for tests: runs at the start of every delete call.</summary>
    public Action<CloudResource>? BeforeDeleteCall { get; set; }

    /// <summary>Failure injection for tests: runs at the start of every drift description; an exception it throws is the answer.</summary>
    public Action<CloudResource>? BeforeDescribeCall { get; set; }

    /// <summary>How many cloud resources were really created for a resource (repeated calls that found one do not count).</summary>
    public int CreationsOf(Guid resourceId) => _creations.GetValueOrDefault(resourceId);

    public IReadOnlyDictionary<string, string>? TagsOf(Guid resourceId) =>
        _resources.Values.FirstOrDefault(r => r.ResourceId == resourceId)?.Tags;

    /// <summary>Cloud calls drift descriptions made per region (each description counted as the calls the Aws provider makes).</summary>
    public IReadOnlyDictionary<string, int> DescribeCallsByRegion() => new Dictionary<string, int>(_describeCalls, StringComparer.Ordinal);

    /// <summary>Test hook: someone changes or removes a tag of the resource in the cloud, behind the service's back.</summary>
    internal void ChangeTagBehindTheService(Guid resourceId, string key, string? value)
    {
        var entry = Find(resourceId) ?? throw new InvalidOperationException($"The sandbox holds no resource {resourceId}.");
        lock (entry)
        {
            var tags = new Dictionary<string, string>(entry.Tags, StringComparer.Ordinal);
            if (value is null)
            {
                tags.Remove(key);
            }
            else
            {
                tags[key] = value;
            }

            entry.Tags = tags;
        }
    }

    /// <summary>Test hook: someone changes an enforced security setting in the cloud (e.g. <c>imdsV2Required</c> to <c>false</c>).</summary>
    internal void ChangeSettingBehindTheService(Guid resourceId, string setting, string actual)
    {
        var entry = Find(resourceId) ?? throw new InvalidOperationException($"The sandbox holds no resource {resourceId}.");
        if (setting == PostureSettings.Rds.DeletionProtection && entry.DeletionProtection is not null)
        {
            // The instance's own flag: what a delete or a reconcile then meets.
            entry.DeletionProtection = actual == "true";
            return;
        }

        entry.ChangedSettings[setting] = actual;
    }

    /// <summary>Test hook: someone deletes the resource in the cloud.</summary>
    internal void DeleteBehindTheService(Guid resourceId)
    {
        foreach (var (name, entry) in _resources)
        {
            if (entry.ResourceId == resourceId)
            {
                _resources.TryRemove(name, out _);
            }
        }
    }

    /// <summary>The resource as a drift check sees it: its tags and every enforced setting, with what was changed behind the service's back.</summary>
    public Task<CloudState> DescribeAsync(CloudResource resource, int calls, CancellationToken cancellationToken)
    {
        _describeCalls.AddOrUpdate(resource.Region, calls, (_, count) => count + calls);
        BeforeDescribeCall?.Invoke(resource);
        InjectFailures(resource, Operation(resource.Type, "DescribeInstances", "GetBucketTagging", "DescribeDBInstances"));
        if (!_resources.TryGetValue(resource.DeterministicName, out var entry) || entry.DeletionRequestedAt is not null)
        {
            return Task.FromResult(CloudState.Missing);
        }

        // The instance's own protection is what a PATCH or a reconcile last set there, not the record's.
        var posture = SandboxCloudReport.Posture(resource)
            .Select(p => p.Setting == PostureSettings.Rds.DeletionProtection && entry.DeletionProtection is { } inCloud ? p with { Actual = inCloud ? "true" : "false" } : p)
            .Select(p => entry.ChangedSettings.TryGetValue(p.Setting, out var changed) ? p with { Actual = changed } : p)
            .ToList();
        return Task.FromResult(new CloudState(true, new Dictionary<string, string>(entry.Tags, StringComparer.Ordinal), posture));
    }

    /// <summary>Puts tags and settings back as recorded; a resource that is gone stays gone.</summary>
    public Task ReconcileAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        InjectFailures(resource, Operation(resource.Type, "CreateTags", "PutBucketTagging", "AddTagsToResource"));
        if (_resources.TryGetValue(resource.DeterministicName, out var entry))
        {
            entry.Tags = new Dictionary<string, string>(resource.CloudTags());
            entry.ChangedSettings.Clear();
            if (resource.Type == ResourceType.Rds)
            {
                entry.DeletionProtection = resource.DeletionProtection;
            }
        }

        return Task.CompletedTask;
    }

    private SandboxResource? Find(Guid resourceId) => _resources.Values.FirstOrDefault(r => r.ResourceId == resourceId);

    public async Task<CloudProgress> CreateAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        if (options.Value.FailingNames.Contains(resource.Name, StringComparer.Ordinal))
        {
            throw InjectedRefusal(resource);
        }

        InjectFailures(resource, Operation(resource.Type, "RunInstances", "CreateBucket", "CreateDBInstance"));
        var now = clock.GetUtcNow();
        var entry = _resources.GetOrAdd(resource.DeterministicName, _ =>
        {
            _creations.AddOrUpdate(resource.ResourceId, 1, (_, count) => count + 1);
            return new SandboxResource(resource.ResourceId, ProviderIdFor(resource), now, new Dictionary<string, string>(resource.CloudTags()))
            {
                DeletionProtection = resource.Type == ResourceType.Rds ? resource.DeletionProtection : null,
            };
        });
        if (AfterCreateCall is { } hook)
        {
            await hook(resource, cancellationToken);
        }

        var ready = resource.Type == ResourceType.S3 || now - entry.CreatedAt >= options.Value.ProvisionDelay;
        return ready
            ? CloudProgress.Created(entry.ProviderId, SandboxCloudReport.Outputs(resource), SandboxCloudReport.Posture(resource))
            : CloudProgress.InProgress(entry.ProviderId);
    }

    public Task<CloudProgress> DeleteAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        BeforeDeleteCall?.Invoke(resource);
        InjectFailures(resource, Operation(resource.Type, "TerminateInstances", "DeleteBucket", "DeleteDBInstance"));
        if (!_resources.TryGetValue(resource.DeterministicName, out var entry))
        {
            return Task.FromResult(CloudProgress.Done(resource.ProviderId));
        }

        var now = clock.GetUtcNow();
        entry.DeletionRequestedAt ??= now;
        if (resource.Type == ResourceType.S3 || now - entry.DeletionRequestedAt >= options.Value.DeletionDelay)
        {
            _resources.TryRemove(resource.DeterministicName, out _);
            return Task.FromResult(CloudProgress.Done(entry.ProviderId));
        }

        return Task.FromResult(CloudProgress.InProgress(entry.ProviderId));
    }

    public Task ApplyTagsAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        InjectFailures(resource, Operation(resource.Type, "CreateTags", "PutBucketTagging", "AddTagsToResource"));
        if (_resources.TryGetValue(resource.DeterministicName, out var entry))
        {
            entry.Tags = new Dictionary<string, string>(resource.CloudTags());
        }

        return Task.CompletedTask;
    }

    /// <summary>Adds the orphaned tag to whatever the sandbox holds of the resource, keeping its other tags.</summary>
    public Task MarkOrphanedAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        InjectFailures(resource, Operation(resource.Type, "CreateTags", "PutBucketTagging", "AddTagsToResource"));
        if (_resources.TryGetValue(resource.DeterministicName, out var entry))
        {
            entry.Tags = new Dictionary<string, string>(entry.Tags, StringComparer.Ordinal) { [CloudResource.OrphanedTag] = "true" };
        }

        return Task.CompletedTask;
    }

    /// <summary>The deletion protection the sandbox holds for a resource (rds only), or null when it holds none.</summary>
    public bool? DeletionProtectionOf(Guid resourceId) =>
        _resources.Values.FirstOrDefault(r => r.ResourceId == resourceId)?.DeletionProtection;

    public Task ApplyDeletionProtectionAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        if (resource.Type == ResourceType.Rds && _resources.TryGetValue(resource.DeterministicName, out var entry))
        {
            InjectFailures(resource, "ModifyDBInstance");
            entry.DeletionProtection = resource.DeletionProtection;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The refusal an injected failure meets, as the Aws provider would report it: a bucket's name owned by another
    /// account (so nothing of the service's exists), an instance or DB instance the account has no room for.
    /// </summary>
    private static CloudOperationFailedException InjectedRefusal(CloudResource resource) => resource.Type switch
    {
        ResourceType.S3 => CloudFailureSentences.Failure(CloudFailureCode.NameTaken, "CreateBucket", new InvalidOperationException("BucketAlreadyExists (injected sandbox failure)")),
        ResourceType.Ec2 => CloudFailureSentences.Failure(CloudFailureCode.LimitExceeded, "RunInstances", new InvalidOperationException("InstanceLimitExceeded (injected sandbox failure)")),
        _ => CloudFailureSentences.Failure(CloudFailureCode.LimitExceeded, "CreateDBInstance", new InvalidOperationException("InstanceQuotaExceeded (injected sandbox failure)")),
    };

    private static string ProviderIdFor(CloudResource resource)
    {
        var suffix = resource.ResourceId.ToString("N")[^17..];
        return resource.Type switch
        {
            ResourceType.Ec2 => $"sandbox-i-{suffix}",
            ResourceType.S3 => $"sandbox-{resource.DeterministicName}",
            _ => $"sandbox-db-{suffix}",
        };
    }

    /// <summary>The name of the AWS operation the Aws provider would call for this type.</summary>
    private static string Operation(ResourceType type, string ec2, string s3, string rds) => type switch
    {
        ResourceType.Ec2 => ec2,
        ResourceType.S3 => s3,
        _ => rds,
    };

    private void InjectFailures(CloudResource resource, string operation)
    {
        var calls = _calls.AddOrUpdate(resource.ResourceId, 1, (_, count) => count + 1);
        if (calls <= options.Value.TransientFailuresPerResource)
        {
            throw new CloudTransientException(
                operation, $"The sandbox could not do {operation} now.", new HttpRequestException("Throttling: Rate exceeded (injected sandbox failure)."));
        }
    }

    private sealed class SandboxResource(Guid resourceId, string providerId, DateTimeOffset createdAt, Dictionary<string, string> tags)
    {
        public Guid ResourceId { get; } = resourceId;

        public string ProviderId { get; } = providerId;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset? DeletionRequestedAt { get; set; }

        public Dictionary<string, string> Tags { get; set; } = tags;

        public bool? DeletionProtection { get; set; }

        /// <summary>Settings changed behind the service's back: setting name to the value the cloud now reports.</summary>
        public ConcurrentDictionary<string, string> ChangedSettings { get; } = new(StringComparer.Ordinal);
    }
}
