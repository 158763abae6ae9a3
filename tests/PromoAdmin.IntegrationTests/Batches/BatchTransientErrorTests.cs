using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Batches;

namespace PromoAdmin.IntegrationTests.Batches;

/// <summary>A deadlock or a busy database is retried at once and not counted; only a foreign key failure fails the batch.</summary>
[Collection(nameof(BatchJobsCollection))]
public sealed class BatchTransientErrorTests(BatchJobsApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Status, int Attempts, int Codes)> RunAsync(Exception error)
    {
        await BatchKit.DrainAsync(factory); // the failure is meant for this test's batch, the only one queued
        var w = await factory.WorldAsync();
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Flaky " + w.Tag, method = "count", count = 300, settings = new { amount = 5 } });
        factory.Failure.Once(error);
        await BatchKit.Runner(factory, chunkSize: 100).RunPendingJobsAsync(Ct);
        await using var scope = factory.Db();
        var status = await scope.Context.Batches.Where(b => b.Id == id).Select(b => b.Status).FirstAsync(Ct);
        var attempts = await scope.Context.BatchJobs.Where(j => j.BatchId == id).Select(j => j.Attempts).FirstAsync(Ct);
        return (status.ToString(), attempts, await BatchKit.CodeCountAsync(factory, id));
    }

    [Fact]
    public async Task A_busy_database_on_a_chunk_is_retried_at_once_without_counting_an_attempt()
    {
        var (status, attempts, codes) = await RunAsync(new SqliteException("database is locked", 5));
        Assert.Equal((nameof(BatchStatus.Ready), 1, 300), (status, attempts, codes));
    }

    [Fact]
    public async Task A_foreign_key_failure_fails_the_batch_cleanly()
    {
        var (status, _, codes) = await RunAsync(new SqliteException("FOREIGN KEY constraint failed", 19, 787));
        Assert.Equal((nameof(BatchStatus.Failed), 0), (status, codes));
    }
}
