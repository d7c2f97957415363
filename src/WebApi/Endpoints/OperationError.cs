namespace Orchestrator.WebApi.Endpoints;

/// <summary>One error answer an operation can give: its status, when it happens, and the shape of its body.</summary>
public sealed record OperationError(int Status, string Description, OperationErrorShape Shape);
