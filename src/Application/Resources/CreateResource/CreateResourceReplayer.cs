using Mapster;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Idempotency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.CreateResource;

/// <summary>Within 24 hours, the same user's same Idempotency-Key returns the resource it first created.</summary>
internal sealed class CreateResourceReplayer(
    IApplicationDbContext db,
    ICurrentUser currentUser,
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
            .FirstAsync(r => r.Id == record.ResourceId, cancellationToken);
        return first.Adapt<ResourceDto>(mapping);
    }
}
