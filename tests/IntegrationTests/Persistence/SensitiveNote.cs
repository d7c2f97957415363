namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>A test-only entity with one encrypted and one plain text column.</summary>
public sealed class SensitiveNote
{
    private static int _lastId;

    /// <summary>Known before the insert, as encryption binds each value to its row; rising, so the ids order the notes by creation.</summary>
    public int Id { get; set; } = Interlocked.Increment(ref _lastId);

    public string Secret { get; set; } = string.Empty;

    public string? OptionalSecret { get; set; }

    public string Label { get; set; } = string.Empty;
}
