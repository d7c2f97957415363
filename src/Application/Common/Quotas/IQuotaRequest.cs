using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Common.Quotas;

/// <summary>A request that consumes the caller's quota for one resource type; the quota behavior reserves it.</summary>
public interface IQuotaRequest
{
    ResourceType ResourceType { get; }
}
