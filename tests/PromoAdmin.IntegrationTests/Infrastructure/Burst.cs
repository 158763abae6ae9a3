namespace PromoAdmin.IntegrationTests.Infrastructure;

/// <summary>
/// Runs a number of calls that all wait at one gate and are released together, without blocking
/// thread-pool threads (a blocking Barrier would starve the pool and serialise the burst).
/// </summary>
public static class Burst
{
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = 0;
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await Task.Yield();
            if (Interlocked.Increment(ref ready) == count) allReady.SetResult();
            await gate.Task;
            return await call(i);
        }).ToArray();
        await allReady.Task;
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }
}
