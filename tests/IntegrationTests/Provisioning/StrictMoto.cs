using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>
/// The second moto_server ./test.sh starts in its strictest mode (signatures and IAM policies checked, images
/// and instance types validated per region, no cross-account S3), with one administrator key per account made
/// by its bootstrap calls. Tests that need it fail (never skip) without it.
/// </summary>
public static class StrictMoto
{
    public static string Url => Variable("ORCHESTRATOR_TEST_MOTO_STRICT_URL");

    /// <summary>An administrator of the default account (123456789012): sets up networks, users and checks what the service made.</summary>
    public static AWSCredentials Admin => Key("ORCHESTRATOR_TEST_MOTO_STRICT_ADMIN");

    /// <summary>An administrator of a second account, the "someone else" of a taken bucket name.</summary>
    public static AWSCredentials ForeignAdmin => Key("ORCHESTRATOR_TEST_MOTO_STRICT_FOREIGN_ADMIN");

    public static AmazonEC2Client Ec2(string region, AWSCredentials? credentials = null) =>
        new(credentials ?? Admin, new AmazonEC2Config { ServiceURL = Url, AuthenticationRegion = region });

    public static AmazonS3Client S3(string region, AWSCredentials? credentials = null) =>
        new(credentials ?? Admin, new AmazonS3Config { ServiceURL = Url, AuthenticationRegion = region, ForcePathStyle = true });

    /// <summary>A host whose worker drives the AWS adapters against the strict moto with the given (IAM-made) credentials.</summary>
    public static OrchestratorApiFactory WithStrictMotoCloud(this OrchestratorApiFactory factory, AWSCredentials credentials) => factory
        .WithProvisioning()
        .With("Cloud:Provider", "Aws")
        .With("Cloud:Aws:ServiceUrl", Url)
        .WithServices(services => services.AddSingleton(credentials));

    private static AWSCredentials Key(string name)
    {
        var value = Variable(name);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return new BasicAWSCredentials(value[..colon], value[(colon + 1)..]);
    }

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through ./test.sh, which starts the strict moto_server.");
}
