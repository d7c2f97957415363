namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>Which machine images ec2 instances may boot (<c>Cloud:Aws:Images</c>).</summary>
public sealed class AwsImageOptions
{
    public const string LatestAmazonLinux2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

    /// <summary>The image of a request that names none, per region; a region not listed reads <see cref="DefaultParameter"/>.</summary>
    public Dictionary<string, string> DefaultImageIds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The SSM public parameter holding the default image of each region (the latest Amazon Linux 2023).</summary>
    public string DefaultParameter { get; set; } = LatestAmazonLinux2023;

    /// <summary>Owners (account ids, or <c>amazon</c>) whose images a request may name.</summary>
    public List<string> AllowedOwners { get; set; } = [];

    /// <summary>Image ids a request may name whatever their owner.</summary>
    public List<string> AllowedImageIds { get; set; } = [];

    /// <summary>The owners allowed when configuration names none: Amazon's own images.</summary>
    public IReadOnlyList<string> EffectiveOwners() => AllowedOwners.Count > 0 || AllowedImageIds.Count > 0 ? AllowedOwners : ["amazon"];
}
