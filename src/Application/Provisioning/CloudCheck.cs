namespace Orchestrator.Application.Provisioning;

/// <summary>One check a plan made: its name, whether a create would pass it, and a sentence for the requester.</summary>
public sealed record CloudCheck(string Check, bool Passed, string Message)
{
    /// <summary>The network placement from configuration (<c>Cloud:Aws:Network:&lt;region&gt;</c>), for ec2 and rds.</summary>
    public const string NetworkPlacement = "network-placement";

    /// <summary>RunInstances with <c>DryRun</c>: permission, image, instance type, subnet and groups, as a create would send them.</summary>
    public const string RunInstancesDryRun = "run-instances-dry-run";

    /// <summary>A failed check with the sentence of its failure code (<see cref="CloudFailureCode"/>) about the operation that refused.</summary>
    public static CloudCheck Failed(string check, string failureCode, string operation) =>
        new(check, Passed: false, CloudFailureSentences.For(failureCode, operation));
}
