using Mediator;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Quotas.ListMyQuotas;

internal sealed class ListMyQuotasHandler(IQuotaGate quotaGate, ICurrentUser currentUser) : IQueryHandler<ListMyQuotasQuery, QuotaList>
{
    private static readonly ResourceType[] Types = [ResourceType.Ec2, ResourceType.S3, ResourceType.Rds];

    public async ValueTask<QuotaList> Handle(ListMyQuotasQuery query, CancellationToken cancellationToken)
    {
        var items = new List<QuotaDto>(Types.Length);
        foreach (var type in Types)
        {
            items.Add(QuotaDto.From(await quotaGate.UsageAsync(currentUser.UserId, type, cancellationToken)));
        }

        return new QuotaList(items);
    }
}
