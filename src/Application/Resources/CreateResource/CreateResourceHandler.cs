using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Idempotency;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.CreateResource;

internal sealed class CreateResourceHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    TimeProvider clock,
    IOptions<CloudCatalogOptions> catalog,
    TypeAdapterConfig mapping) : ICommandHandler<CreateResourceCommand, CreateResourceResult>
{
    /// <summary>How long an Idempotency-Key keeps answering with its first resource.</summary>
    public static readonly TimeSpan IdempotencyRetention = TimeSpan.FromHours(24);

    public async ValueTask<CreateResourceResult> Handle(CreateResourceCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var type = ResourceWireNames.ParseType(command.Type!);
        var tags = command.Tags ?? new Dictionary<string, string>();
        var spec = ResourceSpecDefaults.Complete(type, command.Spec, catalog.Value);
        var requestHash = HashOf(command);

        IdempotencyRecord? expiredRecord = null;
        if (command.IdempotencyKey is { } key)
        {
            var record = await db.IdempotencyRecords
                .FirstOrDefaultAsync(r => r.OwnerId == currentUser.UserId && r.Key == key, cancellationToken);
            if (record is not null && !record.IsExpired(now, IdempotencyRetention))
            {
                return await ReplayAsync(record, requestHash, cancellationToken);
            }

            expiredRecord = record;
        }

        var resource = Resource.Create(Guid.CreateVersion7(now), command.Name!, type, command.Region!, tags, spec, currentUser.UserId, now);
        db.Resources.Add(resource);
        if (command.IdempotencyKey is { } newKey)
        {
            if (expiredRecord is null)
            {
                db.IdempotencyRecords.Add(IdempotencyRecord.Create(currentUser.UserId, newKey, requestHash, resource.Id, now));
            }
            else
            {
                expiredRecord.Reuse(requestHash, resource.Id, now);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (command.IdempotencyKey is not null && db.IsUniqueConstraintViolation(exception))
        {
            throw new ConflictException("Another request with this Idempotency-Key is being processed; retry it.");
        }

        return new CreateResourceResult(resource.Adapt<ResourceDto>(mapping), Replayed: false);
    }

    private async Task<CreateResourceResult> ReplayAsync(IdempotencyRecord record, string requestHash, CancellationToken cancellationToken)
    {
        if (!string.Equals(record.RequestHash, requestHash, StringComparison.Ordinal))
        {
            throw new IdempotencyKeyReusedException();
        }

        var first = await db.Resources
            .Include(r => r.Tags)
            .FirstAsync(r => r.Id == record.ResourceId, cancellationToken);
        return new CreateResourceResult(first.Adapt<ResourceDto>(mapping), Replayed: true);
    }

    /// <summary>A hash of the request body in a canonical form (tags sorted), to tell a retry from a different request.</summary>
    private static string HashOf(CreateResourceCommand command)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            command.Name,
            command.Type,
            command.Region,
            Tags = (command.Tags ?? new Dictionary<string, string>()).OrderBy(tag => tag.Key, StringComparer.Ordinal).ToArray(),
            command.Spec,
        });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
