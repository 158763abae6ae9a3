using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Data;
using PromoAdmin.IntegrationTests.Infrastructure;
using PromoAdmin.Tests;

namespace PromoAdmin.IntegrationTests.Batches;

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

public sealed class FlakyDatabaseFactory() : PromoAdminFactory(null, new Dictionary<string, string?> { ["Batches:Worker:Enabled"] = "false" })
{
    public FailTemplateInsert Failure { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.ConfigureDbContext<PromoAdminDbContext>(o => o.AddInterceptors(Failure)));
    }
}

/// <summary>A deadlock or a busy database is retried at once and not counted; only a foreign key failure fails the batch.</summary>
public sealed class BatchTransientErrorTests(FlakyDatabaseFactory factory) : IClassFixture<FlakyDatabaseFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Status, int Attempts, int Codes)> RunAsync(Exception error)
    {
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
