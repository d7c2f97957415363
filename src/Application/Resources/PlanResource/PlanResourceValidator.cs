using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Lifecycle;
using Orchestrator.Application.Resources.CreateResource;

namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>A plan of an invalid body is the create's 400, not a plan.</summary>
internal sealed class PlanResourceValidator(IOptions<CloudCatalogOptions> catalogOptions, IOptions<LifecycleOptions> lifecycle, TimeProvider clock)
    : ResourceCreationValidator<PlanResourceQuery>(catalogOptions, lifecycle, clock);
