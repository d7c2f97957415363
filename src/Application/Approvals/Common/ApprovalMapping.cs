using Mapster;
using Orchestrator.Domain.Approvals;

namespace Orchestrator.Application.Approvals.Common;

/// <summary>Entity-to-wire mapping of approvals.</summary>
public sealed class ApprovalMapping : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<Approval, ApprovalDto>()
            .Map(dto => dto.Status, approval => ApprovalWireNames.Of(approval.Status))
            .Map(dto => dto.Rules, approval => approval.Rules.ToList());
}
