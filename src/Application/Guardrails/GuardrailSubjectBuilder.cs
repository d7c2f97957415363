using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Pricing;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Guardrails;

/// <summary>
/// Turns a validated create body into the subject rules see: the spec with its defaults filled in, the estimated
/// monthly cost of that spec, and the caller from the access token (never from the body).
/// </summary>
public sealed class GuardrailSubjectBuilder(IOptions<CloudCatalogOptions> catalog, ICostEstimator estimator, ICurrentUser currentUser)
{
    public GuardrailSubject Build(IGuardrailRequest request)
    {
        var type = ResourceWireNames.ParseType(request.Type!);
        var spec = ResourceSpecDefaults.Complete(type, request.Spec, catalog.Value);
        var cost = estimator.Estimate(type, request.Region!, spec);
        return new GuardrailSubject(
            request.Name!,
            type,
            request.Region!,
            request.Tags ?? new Dictionary<string, string>(),
            spec,
            request.ExpiresAt,
            cost,
            new GuardrailRequester(currentUser.UserId, currentUser.Role.ToWireName()));
    }
}
