using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.WebApi.Security;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary><c>Jwt:ValidationCache</c>: on by default with 1,024 tokens, switchable off, and a bad value stops the start-up.</summary>
public sealed class TokenValidationCacheConfigurationTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100001")]
    public void Start_up_fails_for_a_capacity_out_of_range(string capacity)
    {
        using var factory = new OrchestratorApiFactory().With("Jwt:ValidationCache:Capacity", capacity);

        StartUpFailure(factory).ShouldContain("Jwt:ValidationCache:Capacity must be between 1 and 100000");
    }

    [Theory]
    [InlineData("Capacity", "lots")]
    [InlineData("Enabled", "maybe")]
    public void Start_up_fails_for_a_value_that_is_not_of_its_type(string key, string value)
    {
        using var factory = new OrchestratorApiFactory().With($"Jwt:ValidationCache:{key}", value);

        StartUpFailure(factory).ShouldContain($"Jwt:ValidationCache:{key}");
    }

    [Fact]
    public void By_default_the_bearer_scheme_validates_through_a_cache_of_1024_tokens()
    {
        using var factory = new OrchestratorApiFactory();
        factory.CreateClient().Dispose();

        TokenHandler(factory).ShouldBeOfType<CachingJsonWebTokenHandler>().Capacity.ShouldBe(1024);
    }

    [Fact]
    public async Task Configured_capacity_is_the_caches()
    {
        using var factory = new OrchestratorApiFactory().With("Jwt:ValidationCache:Capacity", "16");
        var (client, _) = await factory.CreateUserClientAsync("viewer");
        using var _c = client;

        using var response = await client.GetAsync("/api/v1/me");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cache = TokenHandler(factory).ShouldBeOfType<CachingJsonWebTokenHandler>();
        cache.Capacity.ShouldBe(16);
        cache.Count.ShouldBeInRange(1, 16, "the admin's token that created the user, and the user's");
    }

    [Fact]
    public async Task Switched_off_every_token_is_validated_in_full_and_requests_are_authenticated_as_before()
    {
        using var factory = new OrchestratorApiFactory().With("Jwt:ValidationCache:Enabled", "false");
        var (client, _) = await factory.CreateUserClientAsync("viewer");
        using var _c = client;

        using var response = await client.GetAsync("/api/v1/me");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TokenHandler(factory).ShouldBeOfType<JsonWebTokenHandler>();
    }

    private static object TokenHandler(OrchestratorApiFactory factory) =>
        factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
            .Get(JwtBearerDefaults.AuthenticationScheme).TokenHandlers.ShouldHaveSingleItem();

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
