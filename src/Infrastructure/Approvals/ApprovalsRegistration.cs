using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Approvals;

namespace Orchestrator.Infrastructure.Approvals;

/// <summary>The approval expiry worker, unless <c>Approvals:ExpiryEnabled</c> is false in this instance.</summary>
internal static class ApprovalsRegistration
{
    public static IServiceCollection AddApprovalExpiry(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue(ApprovalOptions.SectionName + ":" + nameof(ApprovalOptions.ExpiryEnabled), true))
        {
            services.AddHostedService<ApprovalExpiryWorker>();
        }

        return services;
    }
}
