using Orchestrator.Application.Provisioning;

namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>One read-only or dry-run check a plan made.</summary>
/// <param name="Check" example="run-instances-dry-run">network-placement or run-instances-dry-run.</param>
/// <param name="Outcome" example="pass">pass, or fail (then the plan is not allowed).</param>
/// <param name="Message" example="AWS accepted a dry run of RunInstances with these settings: permission, image, instance type and network are in order.">A sentence for the requester; a failure's is the sentence of its failure code, never the provider's text.</param>
public sealed record CloudCheckDto(string Check, string Outcome, string Message)
{
    public const string Pass = "pass";
    public const string Fail = "fail";

    public static readonly IReadOnlyList<string> Checks = [CloudCheck.NetworkPlacement, CloudCheck.RunInstancesDryRun];

    public static CloudCheckDto From(CloudCheck check) => new(check.Check, check.Passed ? Pass : Fail, check.Message);
}
