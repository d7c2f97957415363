using System.Collections.Concurrent;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Options;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>One SDK client per service and region (each resource names its region), built on first use and kept.</summary>
public sealed class AwsServiceClients(AWSCredentials credentials, IOptions<AwsCloudOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IAmazonEC2>> _ec2 = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IAmazonS3>> _s3 = new(StringComparer.Ordinal);

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

    public void Dispose()
    {
        foreach (var client in _ec2.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        foreach (var client in _s3.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
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
