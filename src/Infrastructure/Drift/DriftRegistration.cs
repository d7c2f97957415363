using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Drift;

namespace Orchestrator.Infrastructure.Drift;

/// <summary>Drift checks: their options, the per-region call budget, and the worker wherever the provisioning worker runs.</summary>
internal static class DriftRegistration
{
    public static void AddDrift(IServiceCollection services, IConfiguration configuration, bool runWorker)
    {
        services.AddOptions<DriftOptions>()
            .Bind(configuration.GetSection(DriftOptions.SectionName))
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1), "Drift:Interval must be at least one second.")
            .Validate(o => o.MaxCallsPerMinutePerRegion is >= 1 and <= 100_000, "Drift:MaxCallsPerMinutePerRegion must be between 1 and 100000.")
            .Validate(o => o.BatchSize is >= 1 and <= 1000, "Drift:BatchSize must be between 1 and 1000.")
            .Validate(o => o.LeaseDuration > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero, "Drift:LeaseDuration and PollInterval must be positive.")
            .ValidateOnStart();
        services.AddScoped<DriftCheckQueue>();
        services.AddScoped<DriftCheckStep>();
        services.AddSingleton<RegionCallBudget>();
        services.AddSingleton<IDriftCallBudget>(sp => sp.GetRequiredService<RegionCallBudget>());
        if (runWorker)
        {
            services.AddSingleton<DriftWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<DriftWorker>());
        }
    }
}
