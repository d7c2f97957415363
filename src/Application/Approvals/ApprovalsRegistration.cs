using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Approvals.ExpireApprovals;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Approvals;

/// <summary>The approval step's options (checked at start-up), the approver roles and the expiry scan.</summary>
internal static class ApprovalsRegistration
{
    public static IServiceCollection AddApprovals(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApprovalOptions>()
            .Bind(configuration.GetSection(ApprovalOptions.SectionName))
            .Validate(o => o.ApproverRoles.TrueForAll(role => RolePermissions.TryParseRole(role, out _)),
                $"Approvals:ApproverRoles may only name the roles {string.Join(", ", RolePermissions.RoleNames)}.")
            .Validate(o => o.ExpireAfter >= TimeSpan.FromMinutes(1), "Approvals:ExpireAfter must be at least one minute.")
            .Validate(o => o.ScanInterval >= TimeSpan.FromSeconds(1), "Approvals:ScanInterval must be at least one second.")
            .Validate(o => o.BatchSize is >= 1 and <= 10_000, "Approvals:BatchSize must be between 1 and 10000.")
            .Validate(o => o.LeaseDuration >= TimeSpan.FromSeconds(10), "Approvals:LeaseDuration must be at least ten seconds.")
            .ValidateOnStart();
        services.AddSingleton<ApproverRoles>();
        services.AddScoped<ApprovalDecision>();
        services.AddScoped<RequestedApproval>();
        services.AddScoped<ApprovalExpiryScan>();
        return services;
    }
}
