using System.Text.RegularExpressions;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>What an owner-facing failure sentence must never carry: account ids, ARNs, exception types, endpoints, raw AWS codes.</summary>
internal static partial class CloudFailureAssertions
{
    public static void ShouldNotLeak(string statusReason)
    {
        statusReason.ShouldNotContain("arn:", Case.Insensitive);
        statusReason.ShouldNotContain("Exception", Case.Insensitive);
        statusReason.ShouldNotContain("http", Case.Insensitive);
        statusReason.ShouldNotContain("127.0.0.1");
        statusReason.ShouldNotContain("localhost", Case.Insensitive);
        statusReason.ShouldNotContain("User:");
        TwelveDigits().IsMatch(statusReason).ShouldBeFalse($"an account id in: {statusReason}");
    }

    [GeneratedRegex(@"\d{12}")]
    private static partial Regex TwelveDigits();
}
