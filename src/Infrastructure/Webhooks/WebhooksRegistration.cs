using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Application.Webhooks.Delivery;

namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>The event outbox, the target policy and the delivery worker (section <c>Webhooks</c>; decision 0031).</summary>
internal static class WebhooksRegistration
{
    public static void AddWebhooks(this IServiceCollection services, IConfiguration configuration, bool workers)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.MaxAttempts is >= 1 and <= 50, "Webhooks:MaxAttempts must be between 1 and 50.")
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.FirstRetryDelay <= TimeSpan.FromSeconds(30) && o.MaxRetryDelay >= o.FirstRetryDelay, "Webhooks:FirstRetryDelay must be positive and at most 30 seconds, and MaxRetryDelay at least as long.")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromSeconds(60) && o.ConnectTimeout > TimeSpan.Zero, "Webhooks:Timeout must be between 0 and 60 seconds and ConnectTimeout positive.")
            .Validate(o => o.LeaseDuration >= 2 * o.Timeout, "Webhooks:LeaseDuration must be at least twice Webhooks:Timeout, so an attempt is recorded before another worker may take it.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize is >= 1 and <= 200 && o.MaxSubscriptions is >= 1 and <= 10_000, "Webhooks:PollInterval must be positive, BatchSize 1 to 200, MaxSubscriptions 1 to 10000.")
            .Validate(o => o.MaxConcurrentAttempts is >= 1 and <= 1000 && o.MaxConcurrentAttemptsPerSubscription is >= 1 and <= 1000, "Webhooks:MaxConcurrentAttempts and MaxConcurrentAttemptsPerSubscription must be between 1 and 1000.")
            .Validate(o => o.AllowedHosts.All(h => !string.IsNullOrWhiteSpace(h) && !h.Contains('/', StringComparison.Ordinal)), "Webhooks:AllowedHosts lists host names or addresses, without scheme, path or port.")
            .ValidateOnStart();

        services.AddSingleton<WebhookOutboxSignal>();
        services.AddSingleton<WebhookOutboxInterceptor>();
        services.AddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.AddSingleton<WebhookTargetPolicy>();
        services.AddSingleton<IWebhookTargetPolicy>(sp => sp.GetRequiredService<WebhookTargetPolicy>());
        services.AddSingleton<PublicAddressConnector>();
        services.AddSingleton<IWebhookSender, SigningWebhookSender>();
        services.AddScoped<WebhookFanOut>();
        services.AddScoped<WebhookDeliveryQueue>();
        services.AddScoped<WebhookDeliveryStep>();
        if (workers)
        {
            services.AddHostedService<WebhookDeliveryWorker>();
        }
    }
}
