using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>Configuration that would open the edge up stops the start-up with a message saying what is wrong.</summary>
public sealed class EdgeConfigurationTests
{
    [Theory]
    [InlineData("*", "wildcard")]
    [InlineData("https://*.example.com", "wildcard")]
    [InlineData("https://app.example.com/", "not an origin")]
    [InlineData("app.example.com", "not an origin")]
    public void Start_up_fails_for_a_cors_origin_that_is_unsafe_with_credentials(string origin, string reason)
    {
        using var factory = new OrchestratorApiFactory().With("Cors:AllowedOrigins:0", origin);

        var message = StartUpFailure(factory);

        message.ShouldContain("Cors:AllowedOrigins");
        message.ShouldContain(reason);
    }

    [Fact]
    public void Start_up_fails_for_a_trusted_proxy_that_is_no_address()
    {
        using var factory = new OrchestratorApiFactory().With("RateLimiting:TrustedProxies:0", "proxy.internal");

        var message = StartUpFailure(factory);

        message.ShouldContain("RateLimiting:TrustedProxies");
        message.ShouldContain("proxy.internal");
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
