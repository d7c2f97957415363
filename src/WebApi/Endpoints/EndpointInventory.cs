using System.Text.RegularExpressions;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>
/// Every route endpoint the application serves, read from its <see cref="EndpointDataSource"/>: method, route,
/// OpenAPI path and the request it sends. The tests and the fuzzer enumerate the API from here.
/// </summary>
public sealed partial class EndpointInventory(EndpointDataSource endpoints)
{
    /// <summary>Endpoints of the host rather than the API: they send no request.</summary>
    public static readonly IReadOnlySet<string> Infrastructure = new HashSet<string>(StringComparer.Ordinal) { "/health/live", "/health/ready" };

    public IReadOnlyList<EndpointInventoryEntry> Entries => endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => Entry(endpoint, method)))
        .OrderBy(entry => entry.Path, StringComparer.Ordinal)
        .ThenBy(entry => entry.Method, StringComparer.Ordinal)
        .ToList();

    /// <summary>API endpoints (not <see cref="Infrastructure"/>) that send no request: the table has a hole.</summary>
    public IReadOnlyList<EndpointInventoryEntry> WithoutRequest =>
        [.. Entries.Where(entry => entry.RequestType is null && !Infrastructure.Contains(entry.Path))];

    private static EndpointInventoryEntry Entry(RouteEndpoint endpoint, string method)
    {
        // A group's own path ("/api/v1/resources" + "") is written without a trailing slash, as routing matches it.
        var route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/');
        return new EndpointInventoryEntry(
            method,
            route,
            RouteConstraint().Replace(route, "{$1}"),
            endpoint.Metadata.GetMetadata<SendsRequestMetadata>()?.RequestType,
            endpoint.Metadata.GetMetadata<OperationContract>());
    }

    /// <summary>"{id:guid}" -> "{id}", as the OpenAPI document writes path parameters.</summary>
    [GeneratedRegex(@"\{([^}:?=*]+)[^}]*\}")]
    private static partial Regex RouteConstraint();
}
