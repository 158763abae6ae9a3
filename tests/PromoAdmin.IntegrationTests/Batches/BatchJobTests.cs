using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PromoAdmin.Domain.Batches;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Batches;

/// <summary>
/// The durable job: leases, chunks, and what a stop in the middle leaves behind. Every test starts from an empty queue
/// (<see cref="BatchKit.DrainAsync"/>): what it leases is its own job.
/// </summary>
[Collection(nameof(BatchJobsCollection))]
public sealed class BatchJobTests(BatchJobsApp factory)
{
    private HttpClient Api => factory.ApiClient();

    /// <summary>A clock past the first worker's lease: the "restart" finds the job abandoned.</summary>
    private static FakeTimeProvider AfterTheLease() => new(DateTimeOffset.UtcNow.AddMinutes(5));

    private async Task<(int Codes, int Listed, int InBatchList, int Exported)> VisibleAsync(TestWorld w, int id)
    {
        var list = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&source=all").ExpectAsync(HttpStatusCode.OK);
        var byBatch = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&batchId={id}").ExpectAsync(HttpStatusCode.OK);
        var csv = await (await Api.GetAsync($"/api/v1/batches/{id}/export")).Content.ReadAsStringAsync();
        return (await BatchKit.CodeCountAsync(factory, id), list.GetProperty("total").GetInt32(), byBatch.GetProperty("total").GetInt32(),
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public async Task A_job_stopped_in_the_middle_shows_no_codes_and_a_restarted_worker_resumes_it_to_ready()
    {
        await BatchKit.DrainAsync(factory);
        var w = await factory.WorldAsync();
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Interrupted " + w.Tag, method = "count", count = 5_000, settings = new { amount = 5 } });
        var first = BatchKit.Runner(factory, chunkSize: 1_000);
        var jobId = Assert.IsType<int>(await first.LeaseNextAsync());
        Assert.False(await first.RunJobAsync(jobId, maxChunks: 2));

        // Stopped after two chunks: the codes are in the table, but nothing shows them.
        var batch = await BatchKit.BatchAsync(factory, id);
        Assert.Equal(("generating", 2_000, 40), (batch.GetProperty("status").GetString(), batch.GetProperty("generatedCount").GetInt32(), batch.GetProperty("progress").GetInt32()));
        Assert.Equal((2_000, 0, 0, 0), await VisibleAsync(w, id));
        Assert.Equal(0, (await Api.GetAsync($"/api/v1/batches/{id}/codes").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());

        // Within the lease nobody else takes the job.
        Assert.Null(await BatchKit.Runner(factory).LeaseNextAsync());

        // "Restart": a new worker instance once the lease has expired.
        var second = BatchKit.Runner(factory, AfterTheLease(), chunkSize: 1_000);
        Assert.Equal(jobId, await second.LeaseNextAsync());
        Assert.True(await second.RunJobAsync(jobId, int.MaxValue));

        batch = await BatchKit.BatchAsync(factory, id);
        Assert.Equal(("ready", 5_000, 100), (batch.GetProperty("status").GetString(), batch.GetProperty("codeCount").GetInt32(), batch.GetProperty("progress").GetInt32()));
        Assert.Equal((5_000, 5_000, 5_000, 5_000), await VisibleAsync(w, id));
        await using var scope = factory.Db();
        Assert.Equal(5_000, await scope.Context.PromoCodes.Where(c => c.BatchId == id).Select(c => c.NormalizedCode).Distinct().CountAsync());
        var job = await scope.Context.BatchJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
        Assert.Equal((JobStatus.Done, 2, null), (job.Status, job.Attempts, job.LeaseOwner));

        // The first worker, back from its pause, finds the job is no longer its own and writes nothing.
        Assert.False(await first.RunJobAsync(jobId, int.MaxValue));
        Assert.Equal(5_000, await BatchKit.CodeCountAsync(factory, id));
    }

    [Fact]
    public async Task A_job_that_keeps_stopping_is_failed_cleanly_with_its_partial_codes_removed()
    {
        await BatchKit.DrainAsync(factory);
        var w = await factory.WorldAsync();
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Doomed " + w.Tag, method = "count", count = 3_000 });
        var first = BatchKit.Runner(factory, chunkSize: 1_000, maxAttempts: 1);
        var jobId = Assert.IsType<int>(await first.LeaseNextAsync());
        Assert.False(await first.RunJobAsync(jobId, maxChunks: 1));
        Assert.Equal(1_000, await BatchKit.CodeCountAsync(factory, id));

        // The restart is the job's second attempt, over the limit of one: it gives up and cleans up.
        var second = BatchKit.Runner(factory, AfterTheLease(), chunkSize: 1_000, maxAttempts: 1);
        Assert.Equal(jobId, await second.LeaseNextAsync());
        Assert.True(await second.RunJobAsync(jobId, int.MaxValue));

        var batch = await BatchKit.BatchAsync(factory, id);
        Assert.Equal("failed", batch.GetProperty("status").GetString());
        Assert.Contains("Generate the batch again", batch.GetProperty("failureReason").GetString());
        Assert.Equal((0, 0, 0, 0), await VisibleAsync(w, id));
        var list = await Api.GetAsync($"/api/v1/batches?locationKey={w.Home}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("failed", list.GetProperty("items")[0].GetProperty("status").GetString());
        await using var scope = factory.Db();
        Assert.Equal(JobStatus.Failed, await scope.Context.BatchJobs.Where(j => j.Id == jobId).Select(j => j.Status).SingleAsync());
    }

    [Fact]
    public async Task Two_workers_racing_for_a_job_lease_it_exactly_once()
    {
        await BatchKit.DrainAsync(factory);
        var w = await factory.WorldAsync();
        await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Race " + w.Tag, method = "count", count = 10 });
        var runners = Enumerable.Range(0, 4).Select(_ => BatchKit.Runner(factory)).ToList();
        var leases = await Task.WhenAll(runners.Select(r => r.LeaseNextAsync()));
        Assert.Single(leases, l => l is not null);
        var (winner, jobId) = runners.Zip(leases).Single(x => x.Second is not null);
        Assert.True(await winner.RunJobAsync(jobId!.Value, int.MaxValue));
    }

    [Fact]
    public async Task A_segment_job_stopped_in_the_middle_resumes_without_giving_anyone_two_codes()
    {
        await BatchKit.DrainAsync(factory);
        var w = await factory.WorldAsync();
        var (segmentId, _, members) = await factory.SegmentAsync("Resume " + w.Tag, 2_500);
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Members " + w.Tag, method = "segment", segmentId });
        var first = BatchKit.Runner(factory, chunkSize: 1_000);
        var jobId = Assert.IsType<int>(await first.LeaseNextAsync());
        Assert.False(await first.RunJobAsync(jobId, maxChunks: 1));
        Assert.Equal(0, (await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&batchId={id}").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());

        var second = BatchKit.Runner(factory, AfterTheLease(), chunkSize: 700);
        Assert.Equal(jobId, await second.LeaseNextAsync());
        Assert.True(await second.RunJobAsync(jobId, int.MaxValue));
        await using var scope = factory.Db();
        var assigned = await scope.Context.PromoCodes.Where(c => c.BatchId == id).Select(c => c.AssignedCustomerId).ToListAsync();
        Assert.Equal(members.Select(m => (int?)m.Id).Order(), assigned.Order());
        Assert.Equal("ready", (await BatchKit.BatchAsync(factory, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task On_shutdown_a_worker_hands_the_job_back_so_the_next_start_resumes_at_once()
    {
        await BatchKit.DrainAsync(factory);
        var w = await factory.WorldAsync();
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Shutdown " + w.Tag, method = "count", count = 3_000 });
        var first = BatchKit.Runner(factory, chunkSize: 1_000);
        var jobId = Assert.IsType<int>(await first.LeaseNextAsync());
        Assert.False(await first.RunJobAsync(jobId, maxChunks: 1));
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunJobAsync(jobId, int.MaxValue, stopping.Token));

        await using (var scope = factory.Db())
        {
            var job = await scope.Context.BatchJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal((JobStatus.Queued, null, 0), (job.Status, job.LeaseOwner, job.Attempts));
        }
        // No waiting for a lease to expire: the next instance takes it now and finishes it.
        var next = BatchKit.Runner(factory, chunkSize: 1_000);
        Assert.Equal(1, await next.RunPendingJobsAsync());
        Assert.Equal(("ready", 3_000), ((await BatchKit.BatchAsync(factory, id)).GetProperty("status").GetString(), await BatchKit.CodeCountAsync(factory, id)));
    }
}
