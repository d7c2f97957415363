using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>One operation of the served OpenAPI document, with what the fuzzer needs to build requests to it.</summary>
public sealed record ApiOperation(
    string Method,
    string Path,
    IReadOnlyList<ApiParameter> Parameters,
    IReadOnlyList<(string MediaType, JsonNode Schema)> Bodies,
    bool AnswersTokenErrors)
{
    public string Name => $"{Method} {Path}";

    public bool TakesForm => Bodies.Any(b => b.MediaType.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal));
}
