using NetArchTest.Rules;

namespace Orchestrator.UnitTests.Architecture;

internal static class ArchitectureRule
{
    public static void ShouldPass(this TestResult result, string rule)
    {
        var offenders = string.Join(", ", result.FailingTypeNames ?? []);
        result.IsSuccessful.ShouldBeTrue($"{rule}. Offending types: {offenders}");
    }
}
