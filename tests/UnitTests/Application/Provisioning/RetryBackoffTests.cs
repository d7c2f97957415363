using Orchestrator.Application.Provisioning;

namespace Orchestrator.UnitTests.Application.Provisioning;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(6, 64)]
    public void The_ceiling_doubles_with_each_attempt(int attempt, int ceilingSeconds)
    {
        RetryBackoff.After(attempt, Initial, Max, random: 1).ShouldBe(TimeSpan.FromSeconds(ceilingSeconds));
        RetryBackoff.After(attempt, Initial, Max, random: 0).ShouldBe(TimeSpan.FromSeconds(ceilingSeconds / 2.0));
    }

    [Fact]
    public void Jitter_spreads_delays_between_half_and_all_of_the_ceiling()
    {
        RetryBackoff.After(3, Initial, Max, random: 0.5).ShouldBe(TimeSpan.FromSeconds(6));
    }

    [Fact]
    public void The_delay_never_exceeds_the_maximum()
    {
        RetryBackoff.After(40, Initial, Max, random: 1).ShouldBe(Max);
    }
}
