namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>What <see cref="ScriptedAwsEndpoint"/> received: the operation, the signature and the body.</summary>
public sealed record RecordedAwsRequest(string? Target, string? Authorization, string Body);
