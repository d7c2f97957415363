namespace Orchestrator.Application.Common.Quotas;

/// <summary>
/// The receipt of the quota unit the current request reserved (<see cref="IQuotaReservation.Receipt"/>), kept for its
/// handler: a creation that waits for approval stores it, so a rejection can give the unit back.
/// </summary>
public sealed class QuotaReceipt
{
    public string? Value { get; set; }
}
