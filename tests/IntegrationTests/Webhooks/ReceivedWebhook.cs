using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Webhooks;

/// <summary>One request the test receiver got, with the outcome of verifying its signature with the StandardWebhooks library.</summary>
public sealed record ReceivedWebhook(string Path, string? Id, string? Timestamp, string? Signature, string Body, string? VerificationError, DateTimeOffset ReceivedAt)
{
    public bool Verified => VerificationError is null;

    public JsonNode Payload => JsonNode.Parse(Body)!;

    public string Type => Payload["type"]!.GetValue<string>();

    public JsonNode Data => Payload["data"]!;
}
