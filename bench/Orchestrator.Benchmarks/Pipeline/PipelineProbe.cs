using Mediator;
using Orchestrator.Application.Common.Idempotency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Benchmarks.Pipeline;

/// <summary>
/// A request that every behavior acts on: it needs a permission, has a validator, is about a resource (loaded
/// from memory, the caller owns it), carries an Idempotency-Key (no replayer, so it goes on) and consumes
/// quota (a gate that always grants).
/// </summary>
[RequiresPermission(Permission.Create)]
public sealed record PipelineProbe(string Name, string? IdempotencyKey) : IQuery<int>, IIdempotentRequest, IQuotaRequest, IResourceRequest
{
    public ResourceType ResourceType => ResourceType.S3;

    public Guid ResourceId => PreloadedResourceLoader.ResourceId;

    public ResourceAction Action => ResourceAction.Update;
}
