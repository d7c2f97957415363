using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Orchestrator.Infrastructure.Secrets.Aws;

/// <summary>
/// The Secrets Manager HTTP client: retries (outermost, so every attempt is signed afresh), then SigV4
/// signing with the default AWS credential chain, then a transport that does not follow redirects.
/// </summary>
public static class SecretsManagerRegistration
{
    public const string SigningService = "secretsmanager";

    public static IServiceCollection AddAwsSecretsManagerClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecretsOptions>().Bind(configuration.GetSection(SecretsOptions.SectionName));

        // Resolved on first use only, so that the Local provider never probes for AWS credentials.
        services.TryAddSingleton<AWSCredentials>(_ => DefaultAWSCredentialsIdentityResolver.GetCredentials());
        services.TryAddSingleton<SecretsManagerClient>();

        var clientBuilder = services.AddHttpClient(SecretsManagerClient.HttpClientName, (provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<SecretsOptions>>().Value.AwsSecretsManager;
                http.BaseAddress = SecretsManagerEndpoint.Resolve(configuration, SecretsManagerEndpoint.ResolveRegion(configuration, options));
                http.Timeout = TimeSpan.FromSeconds(30);
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                // The signer is the primary handler, wrapping the transport, because it creates its own inner handler.
                var options = provider.GetRequiredService<IOptions<SecretsOptions>>().Value.AwsSecretsManager;
                var region = RegionEndpoint.GetBySystemName(SecretsManagerEndpoint.ResolveRegion(configuration, options));
                var transport = new SocketsHttpHandler { AllowAutoRedirect = false };
                return new SigV4SigningHandler(provider.GetRequiredService<AWSCredentials>(), region, SigningService, transport);
            });

        // The retry handler sits outside the primary (signing) handler, so every attempt is signed afresh.
        clientBuilder.AddResilienceHandler("secretsmanager-retry", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<SecretsOptions>>().Value.AwsSecretsManager;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => SecretsManagerRetryPredicate.ShouldRetryAsync(args.Outcome),
                });
            });
        return services;
    }
}
