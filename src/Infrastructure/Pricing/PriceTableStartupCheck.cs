using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Options;

namespace Orchestrator.Infrastructure.Pricing;

/// <summary>Makes a bad price table stop the service at start, with the reader's sentence, instead of at the first estimate.</summary>
internal sealed class PriceTableStartupCheck(IOptions<CloudCatalogOptions> catalog) : IValidateOptions<PricingOptions>
{
    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        try
        {
            PriceTableSource.Load(options, catalog.Value);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException exception)
        {
            return ValidateOptionsResult.Fail(exception.Message);
        }
    }
}
