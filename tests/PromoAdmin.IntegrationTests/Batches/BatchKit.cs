using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Data;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Batches;

/// <summary>
/// The app without its hosted batch worker, shared by the classes of the <see cref="BatchJobsCollection"/>: their tests
/// drive <see cref="BatchJobRunner"/> themselves, chunk by chunk. A test's database commands can be made to fail once
/// (<see cref="Failure"/>), as a busy or broken database would.
/// </summary>
public sealed class BatchJobsApp() : PromoAdminFactory(null, new Dictionary<string, string?> { ["Batches:Worker:Enabled"] = "false" }), IAsyncLifetime
{
    public FailTemplateInsert Failure { get; } = new();

    public ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.ConfigureDbContext<PromoAdminDbContext>(o => o.AddInterceptors(Failure)));
    }
}

/// <summary>
/// The tests that run batch jobs themselves, one after the other on one app: a runner leases whatever job is queued,
/// so two of them at once would take each other's jobs. A test that counts on the queue holding only its own jobs
/// empties it first (<see cref="BatchKit.DrainAsync"/>).
/// </summary>
[CollectionDefinition(nameof(BatchJobsCollection))]
public sealed class BatchJobsCollection : ICollectionFixture<BatchJobsApp>;

/// <summary>Fails the next insert of a batch's first code with the given error, once.</summary>
public sealed class FailTemplateInsert : DbCommandInterceptor
{
    private Exception? next;

    public void Once(Exception error) => Volatile.Write(ref next, error);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.StartsWith("INSERT INTO \"PromoCodes\"", StringComparison.Ordinal) && Interlocked.Exchange(ref next, null) is { } error)
            throw error;
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public static class BatchKit
{
    /// <summary>A worker of its own (another "instance"), on its own clock.</summary>
    public static BatchJobRunner Runner(PromoAdminFactory factory, TimeProvider? clock = null, int chunkSize = 5_000, int maxAttempts = 5) =>
        new(factory.Services.GetRequiredService<IServiceScopeFactory>(), clock ?? TimeProvider.System,
            Options.Create(new BatchWorkerOptions { ChunkSize = chunkSize, MaxAttempts = maxAttempts, Lease = TimeSpan.FromSeconds(60) }),
            NullLogger<BatchJobRunner>.Instance);

    /// <summary>POSTs a generate request; expects 202 and returns the batch id.</summary>
    public static async Task<int> GenerateAsync(PromoAdminFactory factory, object body)
    {
        var accepted = await factory.ApiClient().PostAsJsonAsync("/api/v1/batches", body).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("generating", accepted.GetProperty("status").GetString());
        return accepted.GetProperty("id").GetInt32();
    }

    public static async Task<JsonElement> BatchAsync(PromoAdminFactory factory, int id) =>
        await factory.ApiClient().GetAsync($"/api/v1/batches/{id}").ExpectAsync(HttpStatusCode.OK);

    /// <summary>
    /// Runs every job queued so far, whoever queued it: other tests of the collection may leave jobs queued (a batch
    /// they never meant to finish), and a test about leases and queues needs the queue to hold only its own jobs.
    /// </summary>
    public static Task DrainAsync(PromoAdminFactory factory) => Runner(factory).RunPendingJobsAsync();

    public static async Task<int> CodeCountAsync(PromoAdminFactory factory, int batchId)
    {
        await using var scope = factory.Db();
        return await scope.Context.PromoCodes.CountAsync(c => c.BatchId == batchId);
    }
}
