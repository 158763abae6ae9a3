namespace PromoAdmin.IntegrationTests.Infrastructure;

/// <summary>
/// Waits for what another party does in its own time (the hosted batch worker, a request on its way into the app),
/// polling. The bound only guards against a hang, far above what any run needs: it never decides a test. What the test
/// asserts is what happened once the wait is over.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    public static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow + HangGuard;
        while (!await done())
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"Gave up waiting after {HangGuard.TotalMinutes:0} minutes: {what}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
