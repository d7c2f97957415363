using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Provisioning;
using Polly;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary><c>Cloud:Provider = Aws</c>: the default credential chain, one client per service and region, RDS over signed HTTP with retries.</summary>
public static class AwsCloudRegistration
{
    public const string RdsRetryPipeline = "rds-retry";

    public static void AddAwsCloud(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AwsCloudOptions>()
            .Bind(configuration.GetSection(AwsCloudOptions.SectionName))
            .Validate(o => o.MaxErrorRetry is >= 0 and <= 10, "Cloud:Aws:MaxErrorRetry must be between 0 and 10.")
            .Validate(o => o.Rds.BackupRetentionDays is >= 7 and <= 35, "Cloud:Aws:Rds:BackupRetentionDays must be between 7 and 35.")
            .Validate(o => o.EffectiveServiceUrl() is null || Uri.TryCreate(o.EffectiveServiceUrl(), UriKind.Absolute, out _), "Cloud:Aws:ServiceUrl must be an absolute URL.")
            .ValidateOnStart();

        // Resolved on first use, not at start-up: environment, profile, web identity, container, instance metadata.
        services.AddSingleton<AWSCredentials>(_ => DefaultAWSCredentialsIdentityResolver.GetCredentials());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AwsServiceClients>();
        services.AddSingleton<AwsAccountIdentity>();
        services.AddSingleton<Ec2LaunchChecks>();
        services.AddSingleton<ICloudPlacement, AwsCloudPlacement>();
        services.AddSingleton<ICloudPreflight, AwsPreflight>();
        services.AddSingleton<IExpectedPosture, AwsExpectedPosture>();
        services.AddSingleton<Ec2CloudProvider>();
        services.AddSingleton<S3CloudProvider>();
        services.AddSingleton<RdsCloudProvider>();
        services.AddSingleton<ICloudProvider>(sp => sp.GetRequiredService<Ec2CloudProvider>());
        services.AddSingleton<ICloudProvider>(sp => sp.GetRequiredService<S3CloudProvider>());
        services.AddSingleton<ICloudProvider>(sp => sp.GetRequiredService<RdsCloudProvider>());
        services.AddSingleton<ICloudDriftProvider>(sp => sp.GetRequiredService<Ec2CloudProvider>());
        services.AddSingleton<ICloudDriftProvider>(sp => sp.GetRequiredService<S3CloudProvider>());
        services.AddSingleton<ICloudDriftProvider>(sp => sp.GetRequiredService<RdsCloudProvider>());
        AddRdsClient(services);
    }

    /// <summary>The RDS client: retries (outermost, exponential with jitter) around SigV4 signing, so each retry is signed anew.</summary>
    public static IHttpClientBuilder AddRdsClient(IServiceCollection services)
    {
        services.AddTransient<AwsSigV4Handler>();
        var builder = services.AddHttpClient<RdsQueryClient>();
        builder.AddResilienceHandler(RdsRetryPipeline, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<AwsCloudOptions>>().Value;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxErrorRetry, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome),
            });
            pipeline.AddTimeout(options.RequestTimeout);
        });
        builder.AddHttpMessageHandler<AwsSigV4Handler>();
        return builder;
    }

    /// <summary>Transport failures, timeouts, 5xx, 429, and the 400 answers whose AWS error code says "throttled".</summary>
    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome)
    {
        if (HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return true;
        }

        if (outcome.Result is not { StatusCode: System.Net.HttpStatusCode.BadRequest } response)
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync();
        var body = await response.Content.ReadAsStringAsync();
        var start = body.IndexOf("<Code>", StringComparison.Ordinal);
        var end = body.IndexOf("</Code>", StringComparison.Ordinal);
        return start >= 0 && end > start && AwsErrors.IsTransient(body[(start + 6)..end], response.StatusCode);
    }
}
