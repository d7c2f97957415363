namespace Orchestrator.WebApi.Endpoints;

/// <summary>One route endpoint: its method, route (with constraints), OpenAPI path and what it sends (null when nothing).</summary>
public sealed record EndpointInventoryEntry(string Method, string Route, string Path, Type? RequestType, OperationContract? Contract);
