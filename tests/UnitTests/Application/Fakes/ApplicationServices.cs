using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Application;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Guardrails;
using Orchestrator.Infrastructure.Pricing;

namespace Orchestrator.UnitTests.Application.Fakes;

/// <summary>The Application layer's own registrations, with fakes for the ports Infrastructure and WebApi would supply.</summary>
internal static class ApplicationServices
{
    public static ServiceProvider Build(ICurrentUser currentUser, IQuotaGate quotaGate, Action<IServiceCollection>? replace = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication(new ConfigurationBuilder().Build());
        services.AddSingleton(currentUser);
        services.AddSingleton(quotaGate);
        services.AddSingleton<IApplicationDbContext, UnusedApplicationDbContext>();
        services.AddSingleton<IResourceLoader, UnusedResourceLoader>();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddSingleton<IAuditLog, RecordingAuditLog>();
        services.AddSingleton(PriceTableReader.Shipped());
        services.AddSingleton<ICurrentGuardrails>(new FixedGuardrails(GuardrailRuleSet.ShippedDefault));
        replace?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
