using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// RDS DB instances through <see cref="RdsQueryClient"/>, identified by a name derived from the
/// resource id: a repeated create meets <c>DBInstanceAlreadyExists</c>, which means the first worked.
/// </summary>
/// <remarks>
/// The master password is generated and kept by RDS in Secrets Manager (<c>ManageMasterUserPassword</c>):
/// this service never sees it, and the owner learns only the secret's ARN. Settings: <see cref="RdsInstanceSettings"/>.
/// </remarks>
public sealed class RdsCloudProvider(RdsQueryClient rds, Ec2LaunchChecks checks, IOptions<AwsCloudOptions> options) : ICloudProvider, ICloudDriftProvider
{
    /// <summary>DescribeDBInstances, ListTagsForResource.</summary>
    public const int DescribeCalls = 2;

    private static readonly HashSet<string> BrokenStates = new(StringComparer.Ordinal)
    {
        "failed", "incompatible-parameters", "incompatible-network", "incompatible-option-group", "incompatible-restore",
        "incompatible-credentials", "inaccessible-encryption-credentials", "storage-full", "restore-error",
    };

    public ResourceType Type => ResourceType.Rds;

    /// <summary>The engine a DB instance of this spec runs (the spec's defaults name one; postgres otherwise).</summary>
    internal static string EngineOf(ResourceSpec spec) => spec.Engine ?? "postgres";

    public int CallsPerDescribe => DescribeCalls;

    public async Task<CloudState> DescribeAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var instance = await DescribeAsync(resource.Region, resource.DeterministicName, cancellationToken);
        var arn = RdsQueryClient.Child(instance, "DBInstanceArn");
        if (instance is null || arn is null || RdsQueryClient.Child(instance, "DBInstanceStatus") == "deleting")
        {
            return CloudState.Missing;
        }

        var engineVersion = options.Value.Rds.PinnedVersion(EngineOf(resource.Spec)) ?? RdsQueryClient.Child(instance, "EngineVersion") ?? string.Empty;
        var posture = RdsInstanceSettings.Posture(instance, ExpectedPosture.Rds(engineVersion, options.Value.Rds.BackupRetentionDays, resource.DeletionProtection));
        return new CloudState(true, await TagsAsync(resource.Region, arn, cancellationToken), posture);
    }

    /// <summary>
    /// Tags, and the settings that change in place with one ModifyDBInstance (applied at once): public access,
    /// deletion protection, backup retention, tags copied to snapshots. Storage encryption and the engine version
    /// cannot change in place: they stay reported as drift.
    /// </summary>
    public async Task ReconcileAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var identifier = resource.DeterministicName;
        var instance = await DescribeAsync(resource.Region, identifier, cancellationToken);
        if (instance is null || RdsQueryClient.Child(instance, "DBInstanceStatus") == "deleting")
        {
            return;
        }

        await ApplyTagsAsync(resource, cancellationToken);
        var retention = Math.Max(options.Value.Rds.BackupRetentionDays, ExpectedPosture.MinimumBackupRetentionDays).ToString(CultureInfo.InvariantCulture);
        var changes = new List<KeyValuePair<string, string>>();
        AddIfDifferent(changes, instance, "PubliclyAccessible", "false");
        // The resource's own protection, either way: an owner's choice is not undone here.
        AddIfDifferent(changes, instance, "DeletionProtection", resource.DeletionProtection ? "true" : "false");
        AddIfDifferent(changes, instance, "CopyTagsToSnapshot", "true");
        if (RdsQueryClient.Child(instance, "BackupRetentionPeriod") != retention)
        {
            changes.Add(new("BackupRetentionPeriod", retention));
        }

        if (changes.Count == 0)
        {
            return;
        }

        changes.Insert(0, new("DBInstanceIdentifier", identifier));
        changes.Add(new("ApplyImmediately", "true"));
        try
        {
            await rds.CallAsync(resource.Region, "ModifyDBInstance", changes, cancellationToken);
        }
        catch (RdsErrorException exception)
        {
            throw Classify(exception, "ModifyDBInstance");
        }
    }

    private static void AddIfDifferent(List<KeyValuePair<string, string>> changes, XElement instance, string name, string wanted)
    {
        if (!string.Equals(RdsQueryClient.Child(instance, name), wanted, StringComparison.OrdinalIgnoreCase))
        {
            changes.Add(new(name, wanted));
        }
    }

    private async Task<Dictionary<string, string>> TagsAsync(string region, string arn, CancellationToken cancellationToken)
    {
        try
        {
            var listed = await rds.CallAsync(region, "ListTagsForResource", [new("ResourceName", arn)], cancellationToken);
            return listed.Descendants().Where(e => e.Name.LocalName == "Tag")
                .Select(tag => (Key: RdsQueryClient.Child(tag, "Key"), Value: RdsQueryClient.Child(tag, "Value")))
                .Where(tag => tag.Key is not null && !tag.Key.StartsWith("aws:", StringComparison.Ordinal))
                .GroupBy(tag => tag.Key!, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First().Value ?? string.Empty, StringComparer.Ordinal);
        }
        catch (RdsErrorException exception)
        {
            throw Classify(exception, "ListTagsForResource");
        }
    }

    public async Task<CloudProgress> CreateAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var identifier = resource.DeterministicName;
        var instance = await DescribeAsync(resource.Region, identifier, cancellationToken);
        var engine = EngineOf(resource.Spec);
        var engineVersion = options.Value.Rds.PinnedVersion(engine) ?? throw new CloudOperationFailedException(
            CloudFailureCode.InvalidRequest,
            "CreateDBInstance",
            $"CreateDBInstance was not called: the engine {engine} has no approved version here. Choose another engine, or ask an operator to pin a version for it.");
        if (instance is null)
        {
            var placement = PlacementMissing.Require(
                options.Value, resource.Region, "CreateDBInstance", p => p.SecurityGroupIds.Count > 0 && !string.IsNullOrWhiteSpace(p.DbSubnetGroupName));
            await checks.RequireClosedToInternetAsync(resource.Region, placement.SecurityGroupIds, "CreateDBInstance", cancellationToken);
            try
            {
                var parameters = RdsInstanceSettings.CreateParameters(resource, identifier, engine, engineVersion, placement, options.Value);
                var created = await rds.CallAsync(resource.Region, "CreateDBInstance", parameters, cancellationToken);
                instance = created.Descendants().FirstOrDefault(e => e.Name.LocalName == "DBInstance");
            }
            catch (RdsErrorException exception) when (exception.Code == "DBInstanceAlreadyExists")
            {
                instance = await DescribeAsync(resource.Region, identifier, cancellationToken);
            }
            catch (RdsErrorException exception)
            {
                throw Classify(exception, "CreateDBInstance");
            }
        }

        var status = RdsQueryClient.Child(instance, "DBInstanceStatus");
        if (status == "available" && instance is not null)
        {
            return CloudProgress.Created(
                identifier, RdsInstanceSettings.Outputs(instance), RdsInstanceSettings.Posture(instance, AwsExpectedPosture.Rds(options.Value, engine, resource.DeletionProtection)));
        }

        if (status is not null && BrokenStates.Contains(status))
        {
            throw AwsErrors.Refused(BrokenStateFailureCode(status), "CreateDBInstance", new InvalidOperationException($"The DB instance {identifier} is {status}."));
        }

        return CloudProgress.InProgress(identifier);
    }

    public async Task<CloudProgress> DeleteAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var identifier = resource.DeterministicName;
        var instance = await DescribeAsync(resource.Region, identifier, cancellationToken);
        if (instance is null)
        {
            return CloudProgress.Done(identifier);
        }

        if (RdsQueryClient.Child(instance, "DBInstanceStatus") == "deleting")
        {
            return CloudProgress.InProgress(identifier);
        }

        if (string.Equals(RdsQueryClient.Child(instance, "DeletionProtection"), "true", StringComparison.OrdinalIgnoreCase))
        {
            // Lifted only here, for a delete the service accepted; the next poll deletes.
            try
            {
                await rds.CallAsync(
                    resource.Region,
                    "ModifyDBInstance",
                    [new("DBInstanceIdentifier", identifier), new("DeletionProtection", "false"), new("ApplyImmediately", "true")],
                    cancellationToken);
            }
            catch (RdsErrorException exception) when (exception.Code == "InvalidDBInstanceState")
            {
                return CloudProgress.InProgress(identifier);
            }
            catch (RdsErrorException exception)
            {
                throw Classify(exception, "ModifyDBInstance");
            }

            return CloudProgress.InProgress(identifier);
        }

        var parameters = new List<KeyValuePair<string, string>> { new("DBInstanceIdentifier", identifier) };
        if (options.Value.SkipFinalSnapshot)
        {
            parameters.Add(new("SkipFinalSnapshot", "true"));
        }
        else
        {
            parameters.Add(new("SkipFinalSnapshot", "false"));
            parameters.Add(new("FinalDBSnapshotIdentifier", $"{identifier}-final"));
        }

        try
        {
            await rds.CallAsync(resource.Region, "DeleteDBInstance", parameters, cancellationToken);
        }
        catch (RdsErrorException exception) when (exception.Code == "DBInstanceNotFound")
        {
            return CloudProgress.Done(identifier);
        }
        catch (RdsErrorException exception) when (exception.Code == "InvalidDBInstanceState")
        {
            // Busy (backing up, modifying) or already deleting: ask again at the next poll.
            return CloudProgress.InProgress(identifier);
        }
        catch (RdsErrorException exception)
        {
            throw Classify(exception, "DeleteDBInstance");
        }

        return await DescribeAsync(resource.Region, identifier, cancellationToken) is null
            ? CloudProgress.Done(identifier)
            : CloudProgress.InProgress(identifier);
    }

    public async Task ApplyTagsAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var instance = await DescribeAsync(resource.Region, resource.DeterministicName, cancellationToken);
        var arn = RdsQueryClient.Child(instance, "DBInstanceArn");
        if (arn is null)
        {
            return;
        }

        try
        {
            var wanted = resource.CloudTags();
            var parameters = new List<KeyValuePair<string, string>> { new("ResourceName", arn) };
            parameters.AddRange(RdsQueryClient.TagParameters(wanted));
            await rds.CallAsync(resource.Region, "AddTagsToResource", parameters, cancellationToken);

            var listed = await rds.CallAsync(resource.Region, "ListTagsForResource", [new("ResourceName", arn)], cancellationToken);
            var removed = listed.Descendants().Where(e => e.Name.LocalName == "Tag")
                .Select(tag => RdsQueryClient.Child(tag, "Key"))
                .OfType<string>()
                .Where(key => !wanted.ContainsKey(key) && !key.StartsWith("aws:", StringComparison.Ordinal))
                .ToList();
            if (removed.Count > 0)
            {
                var removal = new List<KeyValuePair<string, string>> { new("ResourceName", arn) };
                removal.AddRange(removed.Select((key, index) => new KeyValuePair<string, string>($"TagKeys.member.{(index + 1).ToString(CultureInfo.InvariantCulture)}", key)));
                await rds.CallAsync(resource.Region, "RemoveTagsFromResource", removal, cancellationToken);
            }
        }
        catch (RdsErrorException exception)
        {
            throw Classify(exception, "AddTagsToResource");
        }
    }

    public async Task MarkOrphanedAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var instance = await DescribeAsync(resource.Region, resource.DeterministicName, cancellationToken);
        if (RdsQueryClient.Child(instance, "DBInstanceArn") is not { } arn)
        {
            return;
        }

        try
        {
            // AddTagsToResource adds to the set: every other tag stays.
            var parameters = new List<KeyValuePair<string, string>> { new("ResourceName", arn) };
            parameters.AddRange(RdsQueryClient.TagParameters(new Dictionary<string, string> { [CloudResource.OrphanedTag] = "true" }));
            await rds.CallAsync(resource.Region, "AddTagsToResource", parameters, cancellationToken);
        }
        catch (RdsErrorException exception)
        {
            throw Classify(exception, "AddTagsToResource");
        }
    }

    /// <summary>Sets the instance's deletion protection to the resource's (a PATCH changed it); nothing when it is gone.</summary>
    public async Task ApplyDeletionProtectionAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var identifier = resource.DeterministicName;
        var instance = await DescribeAsync(resource.Region, identifier, cancellationToken);
        var wanted = resource.DeletionProtection ? "true" : "false";
        if (instance is null || string.Equals(RdsQueryClient.Child(instance, "DeletionProtection"), wanted, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            await rds.CallAsync(
                resource.Region,
                "ModifyDBInstance",
                [new("DBInstanceIdentifier", identifier), new("DeletionProtection", wanted), new("ApplyImmediately", "true")],
                cancellationToken);
        }
        catch (RdsErrorException exception) when (exception.Code == "InvalidDBInstanceState")
        {
            // Busy (creating, modifying, backing up): the job tries again later.
            throw new CloudTransientException("ModifyDBInstance", "The DB instance is busy; its deletion protection is set when it is available.", exception);
        }
        catch (RdsErrorException exception)
        {
            throw Classify(exception, "ModifyDBInstance");
        }
    }

    /// <summary>The instance element, or null when RDS does not know the identifier.</summary>
    private async Task<XElement?> DescribeAsync(string region, string identifier, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await rds.CallAsync(region, "DescribeDBInstances", [new("DBInstanceIdentifier", identifier)], cancellationToken);
            return answer.Descendants().FirstOrDefault(e => e.Name.LocalName == "DBInstance");
        }
        catch (RdsErrorException exception) when (exception.Code == "DBInstanceNotFound")
        {
            return null;
        }
        catch (RdsErrorException exception)
        {
            throw Classify(exception, "DescribeDBInstances");
        }
    }

    /// <summary>The failure code of a DB instance that ended in a broken state instead of becoming available.</summary>
    internal static string BrokenStateFailureCode(string status) => status switch
    {
        "inaccessible-encryption-credentials" or "incompatible-credentials" => CloudFailureCode.AccessDenied,
        "storage-full" => CloudFailureCode.LimitExceeded,
        "failed" => CloudFailureCode.Unavailable,
        _ => CloudFailureCode.InvalidRequest,
    };

    // An answer that is not an AWS error document (HTTP 200 with an unreadable body) is treated as transient.
    private static Exception Classify(RdsErrorException exception, string operation) =>
        exception.StatusCode == HttpStatusCode.OK
            ? new CloudTransientException(operation, $"AWS could not do {operation} now.", exception)
            : AwsErrors.Classify(exception.Code, exception.StatusCode, operation, exception);
}
