namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>
/// Tests that measure the process (memory) run alone, after the parallel ones, so that other tests'
/// allocations do not blur what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "Soak";
}
