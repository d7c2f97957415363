namespace Orchestrator.IntegrationTests.Identity;

/// <summary>Starts requests together: each is prepared, then all are released by one gate, so they overlap on the server.</summary>
internal static class AtOnce
{
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> request)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.Task;
            return await request(i);
        }).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }
}
