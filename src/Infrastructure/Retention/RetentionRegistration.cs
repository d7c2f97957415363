using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Retention;

namespace Orchestrator.Infrastructure.Retention;

/// <summary>The retention purge: its options (checked at start-up), the purge, and its worker unless <c>Retention:Enabled</c> is false.</summary>
internal static class RetentionRegistration
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1), "Retention:Interval must be at least one second.")
            .Validate(o => o.BatchSize is >= 1 and <= 10_000, "Retention:BatchSize must be between 1 and 10000.")
            .Validate(o => o.LeaseDuration >= TimeSpan.FromSeconds(10), "Retention:LeaseDuration must be at least ten seconds.")
            .Validate(o => o.IdempotencyAge >= RetentionOptions.MinimumIdempotencyAge, "Retention:IdempotencyAge must be at least 1.00:00:00 (a retry is answered for 24 hours).")
            .Validate(o => o.SessionAge >= TimeSpan.Zero && o.JobAge >= TimeSpan.Zero && o.DeliveredEventAge >= TimeSpan.Zero, "Retention:SessionAge, JobAge and DeliveredEventAge must not be negative.")
            .Validate(o => o.AuditDays is null or >= 1, "Retention:AuditDays must be at least 1 when set (unset keeps the audit log for ever).")
            .ValidateOnStart();
        services.AddScoped<MaintenanceLease>();
        services.AddScoped<RetentionPurge>();
        if (configuration.GetValue(RetentionOptions.SectionName + ":" + nameof(RetentionOptions.Enabled), true))
        {
            services.AddHostedService<RetentionWorker>();
        }

        return services;
    }
}
