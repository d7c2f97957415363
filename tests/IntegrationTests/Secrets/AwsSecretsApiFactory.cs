using Amazon.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Secrets;

/// <summary>The real API with <c>Secrets:Provider = AwsSecretsManager</c> against moto_server, under a given prefix.</summary>
public sealed class AwsSecretsApiFactory : OrchestratorApiFactory
{
    public AwsSecretsApiFactory(string prefix)
    {
        With("Secrets:Provider", "AwsSecretsManager");
        With("Secrets:AwsSecretsManager:Prefix", prefix);
        With("Secrets:AwsSecretsManager:Region", "us-east-1");
        With("Cloud:Aws:ServiceUrl", MotoServer.Url);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // Fixed credentials, so that nothing probes the instance metadata service.
        builder.ConfigureTestServices(services => services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("test", "test")));
    }
}
