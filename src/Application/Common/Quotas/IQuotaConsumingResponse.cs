namespace Orchestrator.Application.Common.Quotas;

/// <summary>A response that tells the quota behavior whether the request really consumed quota.</summary>
public interface IQuotaConsumingResponse
{
    bool ConsumedQuota { get; }
}
