namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// What the API answered to one generated request: its status, the contract breach if any, a short description, and
/// for a 5xx the exception the API logged.
/// </summary>
public sealed record FuzzAnswer(int Status, string? Breach, string Description, string? ServerLog = null);
