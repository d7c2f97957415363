namespace Orchestrator.Application.Approvals.Common;

/// <summary>
/// The approval the current create request asked for, if any, so the endpoint can link to it (a <c>Link</c> header)
/// while the answer stays the resource the contract names.
/// </summary>
public sealed class RequestedApproval
{
    public Guid? ApprovalId { get; set; }
}
