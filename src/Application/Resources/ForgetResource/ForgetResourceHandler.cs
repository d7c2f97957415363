using Mapster;
using Mediator;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Provisioning;

namespace Orchestrator.Application.Resources.ForgetResource;

/// <summary>Marks the resource forgotten and writes the job that tags it orphaned in the cloud, in one save; repeating it changes nothing.</summary>
internal sealed class ForgetResourceHandler(
    IApplicationDbContext db,
    ResourceContext resourceContext,
    TimeProvider clock,
    TypeAdapterConfig mapping) : ICommandHandler<ForgetResourceCommand, ResourceDto>
{
    public async ValueTask<ResourceDto> Handle(ForgetResourceCommand command, CancellationToken cancellationToken)
    {
        var resource = resourceContext.Resource;
        var now = clock.GetUtcNow();
        bool forgotten;
        try
        {
            forgotten = resource.Forget(now);
        }
        catch (DomainRuleException exception)
        {
            throw new ConflictException(exception.Message);
        }

        if (forgotten)
        {
            db.ProvisioningJobs.Add(ProvisioningJob.Create(resource.Id, ProvisioningJobKind.MarkOrphaned, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        return resource.Adapt<ResourceDto>(mapping);
    }
}
