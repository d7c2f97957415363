namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition that becomes true by itself (a reconnect), failing with a message if it never does.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new ShouldAssertException($"{what} did not happen; last value: {value}");
            }

            await Task.Delay(200);
        }
    }
}
