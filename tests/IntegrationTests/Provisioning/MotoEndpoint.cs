using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>The moto_server that ./test.sh starts (ORCHESTRATOR_TEST_MOTO_URL), and clients that look at it.</summary>
public static class MotoEndpoint
{
    public const string VariableName = "ORCHESTRATOR_TEST_MOTO_URL";

    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("test", "test");

    /// <summary>The emulator's URL; a test that needs it fails (never skips) when ./test.sh did not start one.</summary>
    public static string Url =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException($"{VariableName} is not set: run the tests through ./test.sh, which starts moto_server.");

    /// <summary>A host whose worker drives the AWS adapters against moto, with fixed test credentials (nothing probes instance metadata).</summary>
    public static OrchestratorApiFactory WithMotoCloud(this OrchestratorApiFactory factory) => factory
        .WithProvisioning()
        .With("Cloud:Provider", "Aws")
        .With("Cloud:Aws:ServiceUrl", Url)
        .WithServices(services => services.AddSingleton(Credentials));

    public static AmazonEC2Client Ec2(string region) =>
        new(Credentials, new AmazonEC2Config { ServiceURL = Url, AuthenticationRegion = region });

    public static AmazonS3Client S3(string region) =>
        new(Credentials, new AmazonS3Config { ServiceURL = Url, AuthenticationRegion = region, ForcePathStyle = true });
}
