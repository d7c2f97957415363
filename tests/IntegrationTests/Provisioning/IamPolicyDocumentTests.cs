using System.Text.RegularExpressions;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>The README's IAM action list and <c>docs/aws-iam-policy.json</c> name the same actions.</summary>
public sealed partial class IamPolicyDocumentTests
{
    [Fact]
    public void The_readme_lists_exactly_the_actions_of_the_policy_document()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("The principal needs the policy", StringComparison.Ordinal);
        var end = readme.IndexOf("STS GetCallerIdentity needs none.", start, StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        end.ShouldBeGreaterThan(start);

        var listed = ActionPattern().Matches(readme[start..end]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        listed.Order(StringComparer.Ordinal).ShouldBe(LeastPrivilegePolicy.Actions().ToHashSet(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "docs", "aws-iam-policy.json")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root was not found above the test binaries.");
    }

    [GeneratedRegex("`([a-z0-9]+:[A-Za-z0-9]+)`")]
    private static partial Regex ActionPattern();
}
