using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Approvals;

/// <summary>The API without workers, one ec2 creation per user and hour: a waiting creation's reserved unit shows as a 429.</summary>
public sealed class ApprovalApiFactory : OrchestratorApiFactory
{
    public ApprovalApiFactory() => With("Quotas:Ec2PerHour", "1").With("Approvals:ExpiryEnabled", "false");
}
