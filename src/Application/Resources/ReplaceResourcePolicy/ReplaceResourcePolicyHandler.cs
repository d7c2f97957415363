using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.ReplaceResourcePolicy;

internal sealed class ReplaceResourcePolicyHandler(IApplicationDbContext db, ResourceContext resourceContext, TimeProvider clock)
    : ICommandHandler<ReplaceResourcePolicyCommand, ResourcePolicyDto>
{
    public async ValueTask<ResourcePolicyDto> Handle(ReplaceResourcePolicyCommand command, CancellationToken cancellationToken)
    {
        var resource = resourceContext.Resource;
        resource.ReplacePolicy(ResourcePolicyMapping.ToDomain(new ResourcePolicyDto(command.Statements)), clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The resource was changed by another request; read the policy again and retry.");
        }

        return ResourcePolicyMapping.ToDto(resource.Policy);
    }
}
