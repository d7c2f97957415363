namespace Orchestrator.WebApi.Endpoints;

/// <summary>
/// The mediator request an endpoint sends: the row of the endpoint table that the OpenAPI access line, the
/// documented error responses and the endpoint inventory are derived from (<see cref="OperationContract"/>).
/// </summary>
public sealed class SendsRequestMetadata(Type requestType)
{
    public Type RequestType { get; } = requestType;
}
