using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>
/// The IAM policy the service needs, read from <c>docs/aws-iam-policy.json</c> as shipped, and the one
/// statement moto needs on top because it names some S3 calls by other actions than AWS does.
/// </summary>
public static class LeastPrivilegePolicy
{
    /// <summary>
    /// moto checks PutPublicAccessBlock/GetPublicAccessBlock and HeadBucket under those (non-AWS) names (AWS:
    /// PutBucketPublicAccessBlock, GetBucketPublicAccessBlock, ListBucket), and reads of <c>?encryption</c> and
    /// <c>?ownershipControls</c> under <c>s3:ListBucket</c> (granted by the document, for HeadBucket).
    /// Outside S3 it matches statements against the resource <c>*</c> only, so the document's statement scoped to
    /// the public Amazon Linux parameters never matches there.
    /// </summary>
    public const string EmulatorActionNames = """
        {"Version":"2012-10-17","Statement":[
         {"Sid":"MotoNamesForS3Calls","Effect":"Allow","Action":["s3:PutPublicAccessBlock","s3:GetPublicAccessBlock","s3:HeadBucket"],"Resource":"arn:aws:s3:::orch-*"},
         {"Sid":"MotoResourceStarForSsm","Effect":"Allow","Action":"ssm:GetParameter","Resource":"*"}]}
        """;

    public static string Document => File.ReadAllText(Path());

    /// <summary>The document without these actions, for the "denied by IAM" cases.</summary>
    public static string Without(params string[] actions) => WithoutIn(Document, actions);

    /// <summary>Any policy document without these actions.</summary>
    public static string WithoutIn(string document, params string[] actions)
    {
        var policy = JsonNode.Parse(document)!;
        foreach (var statement in policy["Statement"]!.AsArray())
        {
            if (statement!["Action"] is JsonArray list)
            {
                foreach (var found in list.Where(a => actions.Contains(a!.GetValue<string>())).ToList())
                {
                    list.Remove(found);
                }
            }
        }

        return policy.ToJsonString();
    }

    /// <summary>Every action the document allows.</summary>
    public static IReadOnlyList<string> Actions() =>
    [
        .. JsonNode.Parse(Document)!["Statement"]!.AsArray().SelectMany(statement => statement!["Action"] switch
        {
            JsonArray list => list.Select(a => a!.GetValue<string>()),
            JsonValue single => [single.GetValue<string>()],
            _ => [],
        }),
    ];

    private static string Path()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "docs", "aws-iam-policy.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/aws-iam-policy.json was not found above the test binaries.");
    }
}
