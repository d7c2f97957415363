using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Application.Guardrails.GetGuardrails;

internal sealed class GetGuardrailsHandler(IApplicationDbContext db) : IQueryHandler<GetGuardrailsQuery, GuardrailDocumentAnswer>
{
    public async ValueTask<GuardrailDocumentAnswer> Handle(GetGuardrailsQuery query, CancellationToken cancellationToken)
    {
        var newest = await db.GuardrailDocumentVersions.AsNoTracking()
            .OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, v.RulesJson })
            .FirstOrDefaultAsync(cancellationToken);
        var version = newest?.Version ?? GuardrailRuleSet.ShippedDefault.Version;
        var rules = newest is null ? [] : GuardrailDocumentJson.Read(newest.RulesJson);
        return new GuardrailDocumentAnswer(new GuardrailDocumentDto(version, rules), GuardrailDocumentETag.Of(version));
    }
}
