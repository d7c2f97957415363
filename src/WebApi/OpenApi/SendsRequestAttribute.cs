namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// Names the mediator request an action sends, so the OpenAPI document can state the permission that
/// request declares ([RequiresPermission] and friends) instead of repeating it by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SendsRequestAttribute(Type requestType) : Attribute
{
    public Type RequestType { get; } = requestType;
}
