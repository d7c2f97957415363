using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>
/// The IAM policy the service needs, read from <c>docs/aws-iam-policy.json</c> as shipped, and the one
/// statement moto needs on top because it names four S3 calls by other actions than AWS does.
/// </summary>
public static class LeastPrivilegePolicy
{
    /// <summary>
    /// moto checks PutPublicAccessBlock/GetPublicAccessBlock under those (non-AWS) names, and reads of
    /// <c>?encryption</c> and <c>?ownershipControls</c> under <c>s3:ListBucket</c>; AWS uses the names in the document.
    /// Outside S3 it matches statements against the resource <c>*</c> only, so the document's statement scoped to
    /// the public Amazon Linux parameters never matches there.
    /// </summary>
    public const string EmulatorActionNames = """
        {"Version":"2012-10-17","Statement":[
         {"Sid":"MotoNamesForS3Calls","Effect":"Allow","Action":["s3:PutPublicAccessBlock","s3:GetPublicAccessBlock","s3:ListBucket"],"Resource":"arn:aws:s3:::orch-*"},
         {"Sid":"MotoResourceStarForSsm","Effect":"Allow","Action":"ssm:GetParameter","Resource":"*"}]}
        """;

    public static string Document => File.ReadAllText(Path());

    /// <summary>The document without one action, for the "denied by IAM" case.</summary>
    public static string Without(string action)
    {
        var policy = JsonNode.Parse(Document)!;
        foreach (var statement in policy["Statement"]!.AsArray())
        {
            if (statement!["Action"] is JsonArray actions)
            {
                foreach (var found in actions.Where(a => a!.GetValue<string>() == action).ToList())
                {
                    actions.Remove(found);
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
