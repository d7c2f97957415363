using Orchestrator.Application.Common.Idempotency;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.CreateResource;

namespace Orchestrator.UnitTests.Application.Fakes;

/// <summary>Answers every lookup with <see cref="Earlier"/> (null: the key is new), or throws <see cref="Refusal"/>.</summary>
internal sealed class FakeCreateResourceReplayer : IIdempotentReplayer<CreateResourceCommand, ResourceDto>
{
    public ResourceDto? Earlier { get; init; }

    public Exception? Refusal { get; init; }

    public int Lookups { get; private set; }

    public ValueTask<ResourceDto?> TryReplayAsync(CreateResourceCommand request, CancellationToken cancellationToken)
    {
        Lookups++;
        return Refusal is null ? ValueTask.FromResult(Earlier) : throw Refusal;
    }
}
