using System.Text.RegularExpressions;

namespace Orchestrator.Domain.Resources;

/// <summary>The value rules of the API contract for resources, in one place for validators and entities.</summary>
public static partial class ResourceRules
{
    public const int NameMinLength = 3;
    public const int NameMaxLength = 63;
    public const int MaxTags = 50;
    public const int TagKeyMaxLength = 128;
    public const int TagValueMaxLength = 256;
    public const int MinAllocatedStorage = 20;
    public const int MaxAllocatedStorage = 1000;
    public const int RegionMaxLength = 32;
    public const int ImageIdMaxLength = 21;

    // The patterns as text too, so that the OpenAPI document states the very expressions the rules use.
    public const string NamePatternText = @"^[A-Za-z0-9]{3,63}\z";
    public const string TagCharactersPatternText = @"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z";
    public const string ImageIdPatternText = @"^ami-([0-9a-f]{8}|[0-9a-f]{17})\z";
    public const string RegionPatternText = @"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]\z";

    /// <summary>Tag keys with this prefix are reserved by AWS.</summary>
    public const string AwsReservedTagPrefix = "aws:";

    /// <summary>Tag keys with this prefix are written by the service itself onto cloud resources.</summary>
    public const string ServiceReservedTagPrefix = "orchestrator:";

    public static readonly IReadOnlyList<string> DatabaseEngines = ["postgres", "mysql", "mariadb"];

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>AWS tag characters: letters, digits, spaces and _ . : / = + - @ (Unicode letters allowed).</summary>
    public static bool HasOnlyTagCharacters(string value) => TagCharacters().IsMatch(value);

    public static bool IsValidImageId(string? imageId) => imageId is not null && ImageIdPattern().IsMatch(imageId);

    public static bool LooksLikeRegionCode(string? region) => region is not null && RegionPattern().IsMatch(region);

    [GeneratedRegex(NamePatternText, RegexOptions.CultureInvariant)]
    public static partial Regex NamePattern();

    [GeneratedRegex(TagCharactersPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex TagCharacters();

    [GeneratedRegex(ImageIdPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex ImageIdPattern();

    [GeneratedRegex(RegionPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
