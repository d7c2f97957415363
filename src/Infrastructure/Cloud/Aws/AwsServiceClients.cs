using System.Collections.Concurrent;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Options;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>One SDK client per service and region (each resource names its region), built on first use and kept.</summary>
public sealed class AwsServiceClients(AWSCredentials credentials, IOptions<AwsCloudOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IAmazonEC2>> _ec2 = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IAmazonS3>> _s3 = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IAmazonSimpleSystemsManagement>> _ssm = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IAmazonSecurityTokenService>> _sts = new(StringComparer.Ordinal);

    public IAmazonEC2 Ec2(string region) =>
        _ec2.GetOrAdd(region, r => new Lazy<IAmazonEC2>(() => new AmazonEC2Client(credentials, Configure(new AmazonEC2Config(), r)))).Value;

    public IAmazonS3 S3(string region) =>
        _s3.GetOrAdd(region, r => new Lazy<IAmazonS3>(() =>
        {
            var config = Configure(new AmazonS3Config(), r);

            // Emulators serve buckets under the path, not as virtual hosts.
            config.ForcePathStyle = options.Value.EffectiveServiceUrl() is not null;
            return new AmazonS3Client(credentials, config);
        })).Value;

    public IAmazonSimpleSystemsManagement Ssm(string region) =>
        _ssm.GetOrAdd(region, r => new Lazy<IAmazonSimpleSystemsManagement>(() =>
            new AmazonSimpleSystemsManagementClient(credentials, Configure(new AmazonSimpleSystemsManagementConfig(), r)))).Value;

    public IAmazonSecurityTokenService Sts(string region) =>
        _sts.GetOrAdd(region, r => new Lazy<IAmazonSecurityTokenService>(() =>
            new AmazonSecurityTokenServiceClient(credentials, Configure(new AmazonSecurityTokenServiceConfig(), r)))).Value;

    public void Dispose()
    {
        IEnumerable<IDisposable> created = [
            .. _ec2.Values.Where(c => c.IsValueCreated).Select(c => c.Value),
            .. _s3.Values.Where(c => c.IsValueCreated).Select(c => c.Value),
            .. _ssm.Values.Where(c => c.IsValueCreated).Select(c => c.Value),
            .. _sts.Values.Where(c => c.IsValueCreated).Select(c => c.Value),
        ];
        foreach (var client in created)
        {
            client.Dispose();
        }
    }

    private T Configure<T>(T config, string region)
        where T : ClientConfig
    {
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = options.Value.MaxErrorRetry;
        if (options.Value.EffectiveServiceUrl() is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }
}
