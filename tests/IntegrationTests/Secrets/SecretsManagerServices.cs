using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Infrastructure.Secrets.Aws;

namespace Orchestrator.IntegrationTests.Secrets;

/// <summary>The Secrets Manager client and store wired as the service wires them, against a given endpoint.</summary>
public static class SecretsManagerServices
{
    public static ServiceProvider Build(string serviceUrl, TimeProvider? clock = null, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cloud:Aws:ServiceUrl"] = serviceUrl,
                ["Secrets:Provider"] = "AwsSecretsManager",
                ["Secrets:AwsSecretsManager:Prefix"] = $"test-{Guid.NewGuid():N}/",
                ["Secrets:AwsSecretsManager:Region"] = "us-east-1",
                ["Secrets:AwsSecretsManager:RetryBaseDelayMilliseconds"] = "1",
            })
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        // The resilience pipeline takes its delays from this clock too: retry tests pass the system clock.
        services.AddSingleton(clock ?? new FakeTimeProvider(DateTimeOffset.UtcNow));

        // Fixed credentials, so that nothing probes the instance metadata service.
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("test", "test"));
        services.AddAwsSecretsManagerClient(configuration);
        services.AddSingleton<AwsSecretsManagerStore>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
