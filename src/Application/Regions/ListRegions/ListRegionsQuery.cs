using Mediator;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Regions.ListRegions;

/// <summary>The AWS regions a resource may be created in (<c>Cloud:AllowedRegions</c>), for any signed-in user.</summary>
[RequiresAuthentication]
public sealed record ListRegionsQuery : IQuery<RegionList>;

/// <summary>The allowed regions, in the configured order.</summary>
/// <param name="Items" example='["us-east-1","eu-west-2"]'>AWS region codes.</param>
public sealed record RegionList(IReadOnlyList<string> Items);
