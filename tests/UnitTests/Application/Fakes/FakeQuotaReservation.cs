using Orchestrator.Application.Common.Quotas;
using Orchestrator.Domain.Resources;

namespace Orchestrator.UnitTests.Application.Fakes;

internal sealed class FakeQuotaReservation(Guid userId, ResourceType type) : IQuotaReservation
{
    public Guid UserId { get; } = userId;

    public ResourceType Type { get; } = type;

    public int Completions { get; private set; }

    public int Releases { get; private set; }

    public ValueTask CompleteAsync()
    {
        Completions++;
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync()
    {
        Releases++;
        return ValueTask.CompletedTask;
    }
}
