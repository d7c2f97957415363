using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Lifecycle;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Cloud.Aws;
using Orchestrator.Infrastructure.Cloud.Sandbox;
using Orchestrator.Infrastructure.Drift;
using Orchestrator.Infrastructure.Lifecycle;
using Orchestrator.Infrastructure.Provisioning;

namespace Orchestrator.Infrastructure.Cloud;

/// <summary>The provisioning worker and the cloud it drives: <c>Cloud:Provider</c> = <c>Sandbox</c> (default) or <c>Aws</c>.</summary>
internal static class CloudRegistration
{
    public const string SandboxImageId = "ami-04681a1dbd79675a5";

    public static void AddCloud(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProvisioningOptions>()
            .Bind(configuration.GetSection(ProvisioningOptions.SectionName))
            .Validate(o => o.MaxAttempts is >= 1 and <= 100, "Provisioning:MaxAttempts must be between 1 and 100.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.LeaseDuration > TimeSpan.Zero, "Provisioning:PollInterval and LeaseDuration must be positive.")
            .Validate(o => o.BatchSize is >= 1 and <= 1000, "Provisioning:BatchSize must be between 1 and 1000.")
            .Validate(o => o.Parallelism is >= 1 and <= 256, "Provisioning:Parallelism must be between 1 and 256.")
            .ValidateOnStart();
        services.AddScoped<ProvisioningJobQueue>();
        services.AddScoped<ProvisioningJobStep>();
        services.AddScoped<ProvisioningBatch>();
        services.AddOptions<LifecycleOptions>()
            .Bind(configuration.GetSection(LifecycleOptions.SectionName))
            .Validate(o => o.ScanInterval > TimeSpan.Zero && o.ClaimDuration > TimeSpan.Zero && o.BlockedExpiryRecheck > TimeSpan.Zero, "Lifecycle:ScanInterval, ClaimDuration and BlockedExpiryRecheck must be positive.")
            .Validate(o => o.ExpiryWarning >= TimeSpan.Zero && (o.MaxLifetime is null || o.MaxLifetime > TimeSpan.Zero), "Lifecycle:ExpiryWarning must not be negative, and Lifecycle:MaxLifetime positive when set.")
            .Validate(o => o.BatchSize is >= 1 and <= 1000, "Lifecycle:BatchSize must be between 1 and 1000.")
            .ValidateOnStart();
        services.AddScoped<ExpiryScan>();
        var workers = configuration.GetValue(ProvisioningOptions.SectionName + ":" + nameof(ProvisioningOptions.Enabled), true);
        if (workers)
        {
            // The expiry scan only writes rows (delete jobs among them); it runs wherever the job worker does.
            services.AddHostedService<ProvisioningWorker>();
            services.AddHostedService<ExpiryWorker>();
        }

        DriftRegistration.AddDrift(services, configuration, workers);

        var provider = configuration["Cloud:Provider"] ?? "Sandbox";
        if (string.Equals(provider, "Sandbox", StringComparison.OrdinalIgnoreCase))
        {
            services.AddOptions<SandboxCloudOptions>().Bind(configuration.GetSection(SandboxCloudOptions.SectionName));
            services.AddSingleton<SandboxCloud>();
            services.AddSingleton<ICloudPreflight, SandboxPreflight>();
            services.AddSingleton<IExpectedPosture, SandboxExpectedPosture>();

            // The Sandbox has no per-region images to resolve: an unset default shows the image AWS examples use.
            services.PostConfigure<CloudCatalogOptions>(o => o.DefaultImageId ??= SandboxImageId);
            foreach (var type in Enum.GetValues<ResourceType>())
            {
                services.AddSingleton<ICloudProvider>(sp => new SandboxCloudProvider(type, sp.GetRequiredService<SandboxCloud>()));
                services.AddSingleton<ICloudDriftProvider>(sp => new SandboxCloudProvider(type, sp.GetRequiredService<SandboxCloud>()));
            }
        }
        else if (string.Equals(provider, "Aws", StringComparison.OrdinalIgnoreCase))
        {
            AwsCloudRegistration.AddAwsCloud(services, configuration);
        }
        else
        {
            throw new InvalidOperationException($"Cloud:Provider '{provider}' is not supported; use Sandbox or Aws.");
        }
    }
}
