namespace Orchestrator.Application.Common.Options;

/// <summary>What a request may name (configuration section <c>Cloud</c>), and the defaults of an omitted spec.</summary>
/// <remarks>
/// The lists start empty and are filled with the defaults below only when configuration names none:
/// the configuration binder appends to a pre-filled array instead of replacing it.
/// </remarks>
public sealed class CloudCatalogOptions
{
    public const string SectionName = "Cloud";

    public static readonly IReadOnlyList<string> DefaultRegions =
    [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
        "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
        "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "sa-east-1",
    ];

    public static readonly IReadOnlyList<string> DefaultInstanceTypes = ["t3.micro", "t3.small", "t3.medium", "t3.large", "m5.large", "m5.xlarge"];

    public static readonly IReadOnlyList<string> DefaultDbInstanceClasses = ["db.t3.micro", "db.t3.small", "db.t3.medium", "db.m5.large"];

    public List<string> AllowedRegions { get; set; } = [];

    public List<string> AllowedInstanceTypes { get; set; } = [];

    public List<string> AllowedDbInstanceClasses { get; set; } = [];

    public string DefaultInstanceType { get; set; } = "t3.micro";

    /// <summary>
    /// The image of an ec2 request that names none. Unset (the default): the Aws provider resolves one per
    /// region at launch (the latest Amazon Linux 2023), since an image id exists in one region only; the
    /// Sandbox fills in a fixed example id.
    /// </summary>
    public string? DefaultImageId { get; set; }

    public string DefaultDbEngine { get; set; } = "postgres";

    public string DefaultDbInstanceClass { get; set; } = "db.t3.micro";

    public int DefaultAllocatedStorage { get; set; } = 20;

    public void ApplyDefaults()
    {
        if (AllowedRegions.Count == 0)
        {
            AllowedRegions = [.. DefaultRegions];
        }

        if (AllowedInstanceTypes.Count == 0)
        {
            AllowedInstanceTypes = [.. DefaultInstanceTypes];
        }

        if (AllowedDbInstanceClasses.Count == 0)
        {
            AllowedDbInstanceClasses = [.. DefaultDbInstanceClasses];
        }
    }
}
