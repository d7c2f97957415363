using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary><c>RateLimiting:Ipv6PrefixLength</c> and <c>RateLimiting:MaxKeysInMemory</c>: their defaults, and a bad value stops the start-up.</summary>
public sealed class LimiterConfigurationTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("129")]
    [InlineData("-64")]
    public void Start_up_fails_for_an_ipv6_prefix_length_out_of_range(string length)
    {
        using var factory = new OrchestratorApiFactory().With("RateLimiting:Ipv6PrefixLength", length);

        StartUpFailure(factory).ShouldContain("RateLimiting:Ipv6PrefixLength must be 1 to 128");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("99")]
    [InlineData("10000001")]
    public void Start_up_fails_for_a_key_cap_out_of_range(string cap)
    {
        using var factory = new OrchestratorApiFactory().With("RateLimiting:MaxKeysInMemory", cap);

        StartUpFailure(factory).ShouldContain("RateLimiting:MaxKeysInMemory must be 100 to 10000000");
    }

    [Fact]
    public void By_default_the_in_memory_limiter_holds_at_most_ten_thousand_keys_per_family()
    {
        using var factory = new OrchestratorApiFactory();
        factory.CreateClient().Dispose();

        factory.Services.GetRequiredService<InMemoryLimiterStore>().MaxKeysPerFamily.ShouldBe(10_000);
    }

    private static string StartUpFailure(OrchestratorApiFactory factory)
    {
        var exception = Should.Throw<Exception>(() => factory.CreateClient().Dispose());
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }
}
