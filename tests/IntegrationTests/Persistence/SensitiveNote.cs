namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>A test-only entity with one encrypted and one plain text column.</summary>
public sealed class SensitiveNote
{
    public int Id { get; set; }

    public string Secret { get; set; } = string.Empty;

    public string? OptionalSecret { get; set; }

    public string Label { get; set; } = string.Empty;
}
