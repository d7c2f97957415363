using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Secrets.Aws;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Secrets;

/// <summary>Retries and error mapping of the Secrets Manager client, against a local endpoint that can throttle.</summary>
public class SecretsManagerRetryTests
{
    private const string Found = """{"Name":"orchestrator/key","SecretString":"the-value","VersionStages":["AWSCURRENT"]}""";

    [Fact]
    public async Task Throttling_is_retried_with_backoff_until_the_call_succeeds()
    {
        using var endpoint = new ScriptedAwsEndpoint(
            [(HttpStatusCode.BadRequest, ScriptedAwsEndpoint.Throttling), (HttpStatusCode.BadRequest, ScriptedAwsEndpoint.Throttling)],
            (HttpStatusCode.OK, Found));
        using var services = SecretsManagerServices.Build(endpoint.Url, TimeProvider.System);

        var value = await services.GetRequiredService<SecretsManagerClient>()
            .GetSecretStringAsync("orchestrator/key", "AWSCURRENT", CancellationToken.None);

        value.ShouldBe("the-value");
        endpoint.Requests.Count.ShouldBe(3);
        endpoint.Requests.ShouldAllBe(r => r.Target == "secretsmanager.GetSecretValue");

        // Every attempt is signed (the retry sits outside the signer), with the credentials and region given.
        endpoint.Requests.ShouldAllBe(r => r.Authorization != null && r.Authorization.StartsWith("AWS4-HMAC-SHA256 Credential=test/", StringComparison.Ordinal));
        endpoint.Requests.ShouldAllBe(r => r.Authorization!.Contains("/us-east-1/secretsmanager/aws4_request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_fails_as_throttled()
    {
        using var endpoint = new ScriptedAwsEndpoint([], (HttpStatusCode.BadRequest, ScriptedAwsEndpoint.Throttling));
        using var services = SecretsManagerServices.Build(endpoint.Url, TimeProvider.System, ("Secrets:AwsSecretsManager:MaxRetryAttempts", "2"));

        var error = await Should.ThrowAsync<SecretsManagerException>(() => services.GetRequiredService<SecretsManagerClient>()
            .GetSecretStringAsync("orchestrator/key", "AWSCURRENT", CancellationToken.None));

        error.Kind.ShouldBe(SecretsManagerErrorKind.Throttled);
        error.Message.ShouldContain("throttled");
        endpoint.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Server_errors_are_retried_too()
    {
        using var endpoint = new ScriptedAwsEndpoint(
            [(HttpStatusCode.ServiceUnavailable, """{"__type":"ServiceUnavailable","message":"try again"}""")],
            (HttpStatusCode.OK, Found));
        using var services = SecretsManagerServices.Build(endpoint.Url, TimeProvider.System);

        (await services.GetRequiredService<SecretsManagerClient>().GetSecretStringAsync("orchestrator/key", "AWSCURRENT", CancellationToken.None))
            .ShouldBe("the-value");
        endpoint.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Access_denied_fails_at_once_with_a_clear_error()
    {
        using var endpoint = new ScriptedAwsEndpoint(
            [],
            (HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.secretsmanager#AccessDeniedException","message":"User is not authorized to perform secretsmanager:GetSecretValue"}"""));
        using var services = SecretsManagerServices.Build(endpoint.Url, TimeProvider.System);

        var error = await Should.ThrowAsync<SecretsManagerException>(() => services.GetRequiredService<SecretsManagerClient>()
            .GetSecretStringAsync("orchestrator/key", "AWSCURRENT", CancellationToken.None));

        error.Kind.ShouldBe(SecretsManagerErrorKind.AccessDenied);
        error.AwsCode.ShouldBe("AccessDeniedException");
        error.Message.ShouldContain("Access to secret 'orchestrator/key' was denied");
        endpoint.Requests.Count.ShouldBe(1);
    }
}
