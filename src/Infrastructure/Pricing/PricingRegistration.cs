using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Options;

namespace Orchestrator.Infrastructure.Pricing;

public static class PricingRegistration
{
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PricingOptions>()
            .Bind(configuration.GetSection(PricingOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PricingOptions>, PriceTableStartupCheck>();
        services.AddSingleton(serviceProvider => PriceTableSource.Load(
            serviceProvider.GetRequiredService<IOptions<PricingOptions>>().Value,
            serviceProvider.GetRequiredService<IOptions<CloudCatalogOptions>>().Value));
        return services;
    }
}
