using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Common.Quotas;

/// <summary>Reserves one unit of a user's quota atomically, or throws <see cref="Exceptions.QuotaExceededException"/>.</summary>
public interface IQuotaGate
{
    ValueTask<IQuotaReservation> ReserveAsync(Guid userId, ResourceType type, CancellationToken cancellationToken);

    /// <summary>The quota as <see cref="ReserveAsync"/> would find it now, read without reserving or counting anything.</summary>
    ValueTask<QuotaUsage> UsageAsync(Guid userId, ResourceType type, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back a unit a completed reservation kept, by its <see cref="IQuotaReservation.Receipt"/> (a creation that
    /// was then rejected); best effort: a unit that cannot be given back leaves with its window.
    /// </summary>
    ValueTask GiveBackAsync(Guid userId, ResourceType type, string receipt, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>
/// A reserved unit of quota: confirmed inside the transaction that stores the creation, completed when the request that took it
/// succeeds, released when it fails.
/// </summary>
public interface IQuotaReservation
{
    /// <summary>
    /// Run inside the transaction that stores the creation, after its writes
    /// (<see cref="Interfaces.IApplicationDbContext.SaveChangesAsync(Func{CancellationToken, Task}, CancellationToken)"/>):
    /// throws <see cref="Exceptions.QuotaExceededException"/> when what is stored now passes the limit, which rolls the
    /// creation back. A quota decided when reserved (an hourly log) has nothing left to check.
    /// </summary>
    ValueTask ConfirmAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The resource now exists; the reservation becomes a permanent use.</summary>
    ValueTask CompleteAsync();

    /// <summary>Nothing was created; the unit goes back to the user.</summary>
    ValueTask ReleaseAsync();

    /// <summary>
    /// What names the unit for <see cref="IQuotaGate.GiveBackAsync"/> later (an entry of an hourly log); null when the
    /// quota counts live resources, whose unit frees itself when the resource stops counting.
    /// </summary>
    string? Receipt => null;
}
