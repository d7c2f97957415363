using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>A path, query or header parameter of an operation, with its schema.</summary>
public sealed record ApiParameter(string Name, string In, JsonNode Schema, bool Required);
