using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orchestrator.Application.Common.Secrets;

namespace Orchestrator.Infrastructure.Secrets.Kms;

/// <summary>With <c>Encryption:KmsKeyId</c> set, puts <see cref="KmsWrappedSecretStore"/> in front of the configured secret store.</summary>
public static class KmsKeyRingRegistration
{
    public const string KeyIdSetting = "Encryption:KmsKeyId";
    public const string RegionSetting = "Encryption:KmsRegion";

    public static IServiceCollection AddKmsKeyRingWrapping(this IServiceCollection services, IConfiguration configuration)
    {
        var keyId = configuration[KeyIdSetting];
        if (string.IsNullOrWhiteSpace(keyId))
        {
            return services;
        }

        var store = services.Last(d => d.ServiceType == typeof(ISecretStore));
        var storeType = store.ImplementationType
            ?? throw new InvalidOperationException("The secret store must be registered by type to be wrapped by KMS.");
        services.Remove(store);
        services.AddSingleton(storeType);

        // Resolved on first use only, like the other AWS clients.
        services.TryAddSingleton<AWSCredentials>(_ => DefaultAWSCredentialsIdentityResolver.GetCredentials());
        services.AddSingleton<IAmazonKeyManagementService>(provider =>
            new AmazonKeyManagementServiceClient(provider.GetRequiredService<AWSCredentials>(), ClientConfig(configuration)));
        services.AddSingleton<ISecretStore>(provider => new KmsWrappedSecretStore(
            (ISecretStore)provider.GetRequiredService(storeType),
            provider.GetRequiredService<IAmazonKeyManagementService>(),
            keyId,
            provider.GetRequiredService<ILogger<KmsWrappedSecretStore>>()));
        return services;
    }

    private static AmazonKeyManagementServiceConfig ClientConfig(IConfiguration configuration)
    {
        string?[] regions = [configuration[RegionSetting], configuration["Secrets:AwsSecretsManager:Region"], configuration["Cloud:Aws:Region"], configuration["AWS_REGION"]];
        var region = regions.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r)) ?? "us-east-1";
        string?[] endpoints = [configuration["Cloud:Aws:ServiceUrl"], configuration["AWS_ENDPOINT_URL_KMS"], configuration["AWS_ENDPOINT_URL"]];
        var config = new AmazonKeyManagementServiceConfig { RetryMode = RequestRetryMode.Standard };
        if (endpoints.FirstOrDefault(e => !string.IsNullOrWhiteSpace(e)) is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }
}
