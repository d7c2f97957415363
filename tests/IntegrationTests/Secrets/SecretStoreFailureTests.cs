using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Secrets;

/// <summary>A Secrets Manager that serves the keys but refuses writes: the API answers 503 problem+json, not 500.</summary>
public sealed class SecretStoreFailureTests : IDisposable
{
    private static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
    private static readonly string DataKeys = DataKeyRing.CreateNew().ToSecretValue();

    private readonly ScriptedAwsEndpoint _endpoint = new(Answer);
    private readonly FailingStoreApiFactory _factory;

    public SecretStoreFailureTests() => _factory = new FailingStoreApiFactory(_endpoint.Url);

    [Fact]
    public async Task A_rotation_the_store_refuses_answers_503_without_details()
    {
        using var admin = await _factory.CreateAdminClientAsync();

        using var response = await admin.PostAsync("/api/v1/admin/keys/jwt/rotate", null);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem["detail"]!.GetValue<string>().ShouldNotContain("orchestrator/");
        _endpoint.Requests.ShouldContain(r => r.Target == "secretsmanager.PutSecretValue");
    }

    public void Dispose()
    {
        _factory.Dispose();
        _endpoint.Dispose();
    }

    private static (HttpStatusCode, string) Answer(RecordedAwsRequest request)
    {
        if (request.Target != "secretsmanager.GetSecretValue")
        {
            return (HttpStatusCode.BadRequest, """{"__type":"AccessDeniedException","message":"not authorized to write"}""");
        }

        using var body = JsonDocument.Parse(request.Body);
        var secretId = body.RootElement.GetProperty("SecretId").GetString()!;
        if (body.RootElement.GetProperty("VersionStage").GetString() != "AWSCURRENT")
        {
            return (HttpStatusCode.BadRequest, """{"__type":"ResourceNotFoundException","message":"no such version"}""");
        }

        var value = secretId.EndsWith("jwt-signing-key", StringComparison.Ordinal) ? SigningKey : DataKeys;
        return (HttpStatusCode.OK, JsonSerializer.Serialize(new { Name = secretId, SecretString = value }));
    }

    private sealed class FailingStoreApiFactory : OrchestratorApiFactory
    {
        public FailingStoreApiFactory(string url)
        {
            With("Secrets:Provider", "AwsSecretsManager");
            With("Secrets:AwsSecretsManager:RetryBaseDelayMilliseconds", "1");
            With("Cloud:Aws:ServiceUrl", url);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("test", "test")));
        }
    }
}
