using Mapster;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Idempotency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.CreateResource;

/// <summary>
/// Within 24 hours, the same user's same Idempotency-Key returns the resource it first created, as a read
/// of it: when a policy (or a role change) has hidden it from its creator since, the answer is 404, as
/// a GET would be.
/// </summary>
internal sealed class CreateResourceReplayer(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    IAuditLog auditLog,
    TimeProvider clock,
    TypeAdapterConfig mapping) : IIdempotentReplayer<CreateResourceCommand, ResourceDto>
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async ValueTask<ResourceDto?> TryReplayAsync(CreateResourceCommand command, CancellationToken cancellationToken)
    {
        var record = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.OwnerId == currentUser.UserId && r.Key == command.IdempotencyKey, cancellationToken);
        if (record is null || record.IsExpired(clock.GetUtcNow(), Retention))
        {
            return null;
        }

        if (!string.Equals(record.RequestHash, CreateResourceFingerprint.Of(command), StringComparison.Ordinal))
        {
            throw new IdempotencyKeyReusedException();
        }

        var first = await db.Resources.AsNoTracking()
            .Include(r => r.Tags)
            .FirstOrDefaultAsync(r => r.Id == record.ResourceId, cancellationToken);
        if (first is null)
        {
            throw new NotFoundException("The resource this Idempotency-Key first created was not found.");
        }

        if (ResourceAccessPolicy.Decide(currentUser.UserId, currentUser.Role, first, ResourceAction.Read) != AccessDecision.Allowed)
        {
            await auditLog.RecordAsync(
                "access.denied", AuditOutcome.Denied, first.Id, $"request={nameof(CreateResourceCommand)} action=read answer=404", cancellationToken);
            throw new NotFoundException("The resource this Idempotency-Key first created was not found.");
        }

        return first.Adapt<ResourceDto>(mapping);
    }
}
