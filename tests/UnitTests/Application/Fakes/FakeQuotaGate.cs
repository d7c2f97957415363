using Orchestrator.Application.Common.Quotas;
using Orchestrator.Domain.Resources;

namespace Orchestrator.UnitTests.Application.Fakes;

/// <summary>Hands out reservations that remember what happened to them, or refuses with <see cref="Refusal"/>.</summary>
internal sealed class FakeQuotaGate : IQuotaGate
{
    private readonly List<FakeQuotaReservation> _reservations = [];

    public IReadOnlyList<FakeQuotaReservation> Reservations => _reservations;

    public Exception? Refusal { get; init; }

    public ValueTask<IQuotaReservation> ReserveAsync(Guid userId, ResourceType type, CancellationToken cancellationToken)
    {
        if (Refusal is not null)
        {
            throw Refusal;
        }

        var reservation = new FakeQuotaReservation(userId, type);
        _reservations.Add(reservation);
        return ValueTask.FromResult<IQuotaReservation>(reservation);
    }

    public ValueTask<QuotaUsage> UsageAsync(Guid userId, ResourceType type, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new QuotaUsage(type, type.ToString().ToLowerInvariant(), 10, _reservations.Count(r => r.Type == type), TimeSpan.FromHours(1)));
}
