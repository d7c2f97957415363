using Orchestrator.Application.Provisioning;

namespace Orchestrator.UnitTests.Application.Provisioning;

public sealed class PollBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, 1500)]
    [InlineData(2, 2250)]
    [InlineData(4, 5062.5)]
    public void The_wait_grows_by_half_with_each_look(int polls, double milliseconds) =>
        PollBackoff.After(polls, First, Max).ShouldBe(TimeSpan.FromMilliseconds(milliseconds));

    [Theory]
    [InlineData(9)]
    [InlineData(50)]
    [InlineData(int.MaxValue)]
    public void The_wait_stops_at_the_cap(int polls) => PollBackoff.After(polls, First, Max).ShouldBe(Max);

    [Fact]
    public void A_ten_minute_creation_costs_tens_of_looks_not_hundreds()
    {
        var elapsed = TimeSpan.Zero;
        var looks = 0;
        while (elapsed < TimeSpan.FromMinutes(10))
        {
            elapsed += PollBackoff.After(looks, First, Max);
            looks++;
        }

        looks.ShouldBeLessThan(40);
    }

    [Fact]
    public void A_first_wait_above_the_cap_is_the_cap() =>
        PollBackoff.After(0, TimeSpan.FromMinutes(1), Max).ShouldBe(Max);
}
