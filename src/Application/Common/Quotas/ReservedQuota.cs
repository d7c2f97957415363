namespace Orchestrator.Application.Common.Quotas;

/// <summary>
/// The quota unit the current request reserved (<see cref="Behaviors.QuotaBehavior{TMessage, TResponse}"/>), for its handler:
/// the handler stores the creation with <see cref="ConfirmAsync"/> as its save's last step, and a creation that waits for
/// approval keeps the <see cref="Receipt"/>, so a rejection can give the unit back.
/// </summary>
public sealed class ReservedQuota
{
    public IQuotaReservation? Reservation { get; set; }

    public string? Receipt => Reservation?.Receipt;

    /// <summary>Runs inside the transaction that stores the creation, after its writes (<see cref="IQuotaReservation.ConfirmAsync"/>).</summary>
    public Task ConfirmAsync(CancellationToken cancellationToken) =>
        Reservation?.ConfirmAsync(cancellationToken).AsTask() ?? Task.CompletedTask;
}
