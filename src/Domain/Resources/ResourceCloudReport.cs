namespace Orchestrator.Domain.Resources;

/// <summary>Bounds of what the cloud reports about a resource (failure code, outputs, posture), shared by storage and the API document.</summary>
public static class ResourceCloudReport
{
    public const int FailureCodeMaxLength = 64;

    /// <summary>Keys and values of <see cref="Resource.Outputs"/> (an RDS endpoint or a secret ARN is the longest).</summary>
    public const int OutputKeyMaxLength = 64;

    public const int OutputValueMaxLength = 512;

    public const int MaxOutputs = 6;

    public const int PostureValueMaxLength = 64;

    public const int MaxPostureSettings = 16;

    /// <summary>The stored JSON documents (within SQL Server's bounded nvarchar): every output and setting at its longest fits.</summary>
    public const int OutputsMaxLength = 4000;

    public const int PostureMaxLength = 4000;

    /// <summary>The outputs as kept: at most <see cref="MaxOutputs"/>, keys and values cut to their bounds.</summary>
    public static Dictionary<string, string> BoundOutputs(IReadOnlyDictionary<string, string> outputs) =>
        outputs.Take(MaxOutputs).ToDictionary(
            pair => Cut(pair.Key, OutputKeyMaxLength),
            pair => Cut(pair.Value, OutputValueMaxLength),
            StringComparer.Ordinal);

    /// <summary>The posture as kept: at most <see cref="MaxPostureSettings"/>, every string cut to <see cref="PostureValueMaxLength"/>.</summary>
    public static List<PostureReading> BoundPosture(IReadOnlyList<PostureReading> posture) =>
        [.. posture.Take(MaxPostureSettings).Select(reading => new PostureReading(
            Cut(reading.Setting, PostureValueMaxLength),
            Cut(reading.Expected, PostureValueMaxLength),
            reading.Actual is null ? null : Cut(reading.Actual, PostureValueMaxLength)))];

    private static string Cut(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength];
}
