namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>Waits for a condition the worker makes true in the background; fails (never hangs) when it does not.</summary>
public static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task HoldsAsync(Func<bool> condition, string? what = null) =>
        await HoldsAsync(() => Task.FromResult(condition()), what);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string? what = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"Never happened: {what ?? "the condition"}");
    }
}
