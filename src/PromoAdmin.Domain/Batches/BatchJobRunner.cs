using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Domain.Batches;

/// <summary><c>Batches:Worker</c> settings.</summary>
public sealed class BatchWorkerOptions
{
    /// <summary>Off: this instance runs no jobs (another instance, or a test, does).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Codes per transaction: progress is recorded, and other writers get the database, between chunks.</summary>
    [Range(1, 1_000_000)]
    public int ChunkSize { get; set; } = 50_000;
    /// <summary>How long a job stays leased without a word from its worker; renewed with every chunk.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>How often an idle worker looks for jobs queued by other instances or abandoned by a crashed one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Leases after which a job that keeps failing is marked Failed and its partial codes removed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;
}

/// <summary>Wakes the worker of this instance when a batch is queued here, so it need not wait for its next poll.</summary>
public sealed class BatchJobSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);
    private readonly Lock gate = new();

    public void Dispose() => signal.Dispose();

    public void Notify()
    {
        lock (gate)
            if (signal.CurrentCount == 0) signal.Release();
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}

/// <summary>The job gave up: the batch is marked Failed with this reason and its partial codes removed.</summary>
public sealed class BatchGenerationException(string message) : Exception(message);

/// <summary>
/// Runs batch jobs. A job is leased through the database (a conditional UPDATE on its lease), so several app instances never
/// run the same job; each chunk renews the lease inside its own transaction and stops if another worker has taken it over.
/// Progress (<see cref="Batch.GeneratedCount"/>) commits with the codes, so a job stopped anywhere resumes where it was.
/// The hosted <see cref="BatchWorker"/> loops over <see cref="RunPendingJobsAsync"/>; tests call it (or the steps) directly.
/// </summary>
public sealed class BatchJobRunner(IServiceScopeFactory scopes, TimeProvider clock, IOptions<BatchWorkerOptions> options, ILogger<BatchJobRunner> log,
    Common.PromoAdminMetrics? metrics = null)
{
    /// <summary>Rounds of fresh codes a job may draw to replace ones that clashed before it gives up (only a nearly full space needs more than one).</summary>
    private const int MaxRounds = 20;

    private sealed class JobState
    {
        public CodePool? Pool;
        public int Cursor;
        public int Rounds;
    }

    private sealed class LeaseLostException : Exception;

    private enum ChunkResult { More, Done }

    private readonly ConcurrentDictionary<int, JobState> states = new();
    private BatchWorkerOptions Options => options.Value;

    /// <summary>This instance's name on the leases it holds.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Leases and runs, one after the other, every job that is queued or whose lease has expired. Returns how many it ran.</summary>
    public async Task<int> RunPendingJobsAsync(CancellationToken ct = default)
    {
        var ran = 0;
        while (!ct.IsCancellationRequested && await LeaseNextAsync(ct) is int jobId)
        {
            await RunJobAsync(jobId, int.MaxValue, ct);
            ran++;
        }
        return ran;
    }

    /// <summary>Leases the oldest job that is queued or abandoned (lease expired); null when there is none.</summary>
    public async Task<int?> LeaseNextAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PromoAdminDbContext>();
        var now = clock.GetUtcNow();
        var candidates = await db.BatchJobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Queued || (j.Status == JobStatus.Running && j.LeaseExpiresAt < now))
            .OrderBy(j => j.Id).Select(j => j.Id).Take(10).ToListAsync(ct);
        foreach (var id in candidates)
        {
            var expires = now + Options.Lease;
            // The condition is re-checked by the UPDATE itself: of two workers racing for a job, exactly one changes the row.
            var leased = await db.BatchJobs
                .Where(j => j.Id == id && (j.Status == JobStatus.Queued || (j.Status == JobStatus.Running && j.LeaseExpiresAt < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Running).SetProperty(j => j.LeaseOwner, Owner)
                    .SetProperty(j => j.LeaseExpiresAt, expires).SetProperty(j => j.Attempts, j => j.Attempts + 1).SetProperty(j => j.UpdatedAt, now), ct);
            if (leased == 1)
            {
                states.TryRemove(id, out _);
                return id;
            }
        }
        return null;
    }

    /// <summary>
    /// Runs up to <paramref name="maxChunks"/> chunks of a job this instance has leased. Returns true when the job is
    /// finished (Ready or Failed); false when it stopped early, lost its lease, or hit an error it will retry after the lease expires.
    /// </summary>
    public async Task<bool> RunJobAsync(int jobId, int maxChunks, CancellationToken ct = default)
    {
        var transientRetries = 0;
        for (var i = 0; i < maxChunks; i++)
        {
            try
            {
                if (i == 0 && await ReadAsync(db => db.BatchJobs.Where(j => j.Id == jobId).Select(j => j.Attempts).FirstOrDefaultAsync(ct)) > Options.MaxAttempts)
                    return await FailAsync(jobId, $"Generation stopped {Options.MaxAttempts} times before it completed; its codes were removed. Generate the batch again.");
                if (await RunChunkAsync(jobId, ct) == ChunkResult.Done)
                {
                    states.TryRemove(jobId, out _);
                    return true;
                }
            }
            catch (LeaseLostException)
            {
                states.TryRemove(jobId, out _);
                log.LogWarning("Batch job {JobId}: the lease moved to another worker; stopping here", jobId);
                return false;
            }
            catch (BatchGenerationException ex)
            {
                return await FailAsync(jobId, ex.Message);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await ReleaseAsync(jobId);
                throw;
            }
            catch (Exception ex) when (DbErrors.IsTransient(ex) && transientRetries++ < MaxTransientRetriesPerRun)
            {
                // A deadlock victim or a timeout says nothing about the batch: the chunk rolled back whole; try it again at
                // once, without counting an attempt.
                log.LogWarning(ex, "Batch job {JobId}: a chunk hit a transient database error; retrying it", jobId);
                states.TryRemove(jobId, out _);
                i--;
            }
            catch (Exception ex)
            {
                // Anything else: the lease runs out and a worker tries again, up to MaxAttempts.
                states.TryRemove(jobId, out _);
                log.LogError(ex, "Batch job {JobId} failed a chunk; it will be retried when its lease expires", jobId);
                return false;
            }
        }
        return false;
    }

    /// <summary>Transient errors retried at once within one run before the job is left to its lease like any other error.</summary>
    private const int MaxTransientRetriesPerRun = 10;

    private async Task<ChunkResult> RunChunkAsync(int jobId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PromoAdminDbContext>();
        var gate = scope.ServiceProvider.GetRequiredService<WriteGate>();
        var job = await db.BatchJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.Status != JobStatus.Running || job.LeaseOwner != Owner) throw new LeaseLostException();
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == job.BatchId, ct) ?? throw new LeaseLostException();
        var state = states.GetOrAdd(jobId, _ => new JobState());
        // SQL Server: chunks under the lock-escalation threshold, so a chunk never takes a table lock that stalls redeems.
        var chunkSize = Math.Max(1, db.IsSqlite ? Options.ChunkSize : Math.Min(Options.ChunkSize, DbTransactions.SqlServerRowsPerStatement));

        // Pick the chunk's codes (reads only) before taking the write lock.
        BatchCodeInserter.Chunk chunk;
        if (batch.Method == GenerationMethod.Count)
        {
            var remaining = batch.RequestedCount - batch.GeneratedCount;
            if (remaining <= 0) return await WriteAsync(db, gate, jobId, batch, null, complete: true, ct);
            if (state.Pool is not { Remaining: > 0 })
            {
                if (++state.Rounds > MaxRounds) throw new BatchGenerationException(NoRoomMessage(batch));
                state.Pool = CodePool.Create(remaining, batch.CodeLength);
            }
            chunk = new(state.Pool.Take(Math.Min(chunkSize, remaining)), null);
        }
        else
        {
            if (batch.SegmentId is null) throw new BatchGenerationException("The target segment was deleted while its codes were being generated.");
            var members = await MembersWithoutCodeAsync(db, batch, state.Cursor, chunkSize, ct);
            if (members.Count == 0 && state.Cursor > 0)
            {
                // End of a pass: start again from the top for members whose code clashed, or who joined meanwhile.
                state.Cursor = 0;
                members = await MembersWithoutCodeAsync(db, batch, 0, chunkSize, ct);
                if (members.Count > 0 && ++state.Rounds > MaxRounds) throw new BatchGenerationException(NoRoomMessage(batch));
            }
            if (members.Count == 0) return await WriteAsync(db, gate, jobId, batch, null, complete: true, ct);
            state.Cursor = members[^1];
            // Codes go in sorted (for the indexes); who gets which is shuffled, so code order says nothing about customers.
            var customers = members.ToArray();
            System.Security.Cryptography.RandomNumberGenerator.Shuffle(customers.AsSpan());
            chunk = new(CodePool.Create(members.Count, batch.CodeLength).Take(members.Count), customers);
        }
        return await WriteAsync(db, gate, jobId, batch, chunk, complete: false, ct);
    }

    /// <summary>One transaction: renew the lease (or stop), insert the chunk, record progress, and mark the batch Ready when it is.</summary>
    private async Task<ChunkResult> WriteAsync(PromoAdminDbContext db, WriteGate gate, int jobId, Batch batch, BatchCodeInserter.Chunk? chunk, bool complete, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using (await gate.EnterAsync(db, ct))
        {
            var (done, inserted) = await db.InTransactionAsync(async (tx, token) =>
            {
                var now = clock.GetUtcNow();
                await RenewLeaseAsync(db, jobId, now, token);
                var inserted = 0;
                var finished = complete;
                if (chunk is { Codes.Count: > 0 })
                {
                    var templateId = await db.PromoCodes.Where(c => c.BatchId == batch.Id).OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(token);
                    var offset = 0;
                    if (templateId is null)
                    {
                        (templateId, offset) = await InsertTemplateAsync(db, batch, chunk, now, token);
                        if (templateId is not null) inserted++;
                    }
                    if (templateId is int id && offset < chunk.Codes.Count)
                    {
                        var rest = new BatchCodeInserter.Chunk(chunk.Codes.Skip(offset).ToList(), chunk.Customers?.Skip(offset).ToList());
                        inserted += await BatchCodeInserter.InsertAsync(db, id, BatchService.ReadSettings(batch).AllLocations == true, batch.Prefix ?? "", rest, token);
                        // The codes for searching (BatchCodeText), with the codes or not at all; a line whose code clashed finds nothing.
                        var normalizedPrefix = PromoCode.Normalize(batch.Prefix ?? "");
                        db.BatchCodeTexts.AddRange(BatchCodeText.For(batch.Id, rest.Codes.Select(c => normalizedPrefix + c)));
                        await db.SaveChangesAsync(token);
                        db.ChangeTracker.Clear();
                    }
                    await db.Batches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.GeneratedCount, b => b.GeneratedCount + inserted), token);
                    finished = batch.Method == GenerationMethod.Count && batch.GeneratedCount + inserted >= batch.RequestedCount;
                }
                if (finished)
                {
                    await db.Batches.Where(b => b.Id == batch.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BatchStatus.Ready).SetProperty(b => b.CompletedAt, now), token);
                    await db.BatchJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Done)
                        .SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null).SetProperty(j => j.UpdatedAt, now), token);
                }
                await tx.CommitAsync(token);
                return (finished, inserted);
            }, ct);
            metrics?.BatchCodesGenerated(inserted);
            log.LogDebug("Batch {BatchId}: wrote {Inserted} codes in {Elapsed} ms", batch.Id, inserted, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (done) log.LogInformation("Batch {BatchId} ({Name}) is ready", batch.Id, batch.Name);
            return done ? ChunkResult.Done : ChunkResult.More;
        }
    }

    /// <summary>
    /// The batch's first code, saved through EF Core with every setting (the template the set-based inserts copy).
    /// Returns its id and how many of the chunk's codes it used (codes that clash are skipped), or null when all clashed.
    /// </summary>
    private static async Task<(int? Id, int Used)> InsertTemplateAsync(PromoAdminDbContext db, Batch batch, BatchCodeInserter.Chunk chunk, DateTimeOffset now, CancellationToken ct)
    {
        var settings = BatchService.ReadSettings(batch);
        var allLocations = settings.AllLocations == true;
        int? vtgId = null;
        if (!string.IsNullOrEmpty(settings.VariantTargetingGroup))
            vtgId = await db.VariantTargetingGroups.Where(g => g.Name == settings.VariantTargetingGroup).Select(g => (int?)g.Id).FirstOrDefaultAsync(ct)
                    ?? throw new BatchGenerationException($"Variant targeting group '{settings.VariantTargetingGroup}' was deleted before the batch was generated.");
        var prefix = batch.Prefix ?? "";
        var normalizedPrefix = PromoCode.Normalize(prefix);
        for (var i = 0; i < chunk.Codes.Count; i++)
        {
            var normalized = normalizedPrefix + chunk.Codes[i];
            if (await db.PromoCodes.AnyAsync(c => c.NormalizedCode == normalized && (c.LocationId == batch.LocationId || c.AllLocations || allLocations), ct)) continue;
            var code = new PromoCode
            {
                LocationId = batch.LocationId, Code = prefix + chunk.Codes[i], NormalizedCode = normalized, BatchId = batch.Id,
                AssignedCustomerId = chunk.Customers?[i], CreatedAt = now, UpdatedAt = now,
            };
            PromoCodeMapping.ApplySettings(code, settings, vtgId);
            db.PromoCodes.Add(code);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
                continue;
            }
            catch (DbUpdateException ex) when (DbErrors.IsForeignKeyViolation(ex))
            {
                // Only a foreign key means the settings point at something deleted; a deadlock or a timeout is retried.
                throw new BatchGenerationException("The batch's settings refer to something that no longer exists (a group, campaign or customer): "
                                                   + (ex.InnerException ?? ex).Message);
            }
            db.ChangeTracker.Clear();
            return (code.Id, i + 1);
        }
        return (null, chunk.Codes.Count);
    }

    /// <summary>Members of the batch's segment, after <paramref name="cursor"/> in id order, who have no code of this batch yet.</summary>
    private static Task<List<int>> MembersWithoutCodeAsync(PromoAdminDbContext db, Batch batch, int cursor, int take, CancellationToken ct) =>
        db.SegmentMembers.AsNoTracking()
            .Where(m => m.SegmentId == batch.SegmentId && m.CustomerId > cursor
                        && !db.PromoCodes.Any(c => c.BatchId == batch.Id && c.AssignedCustomerId == m.CustomerId))
            .OrderBy(m => m.CustomerId).Select(m => m.CustomerId).Take(take).ToListAsync(ct);

    private async Task RenewLeaseAsync(PromoAdminDbContext db, int jobId, DateTimeOffset now, CancellationToken ct)
    {
        var expires = now + Options.Lease;
        var renewed = await db.BatchJobs.Where(j => j.Id == jobId && j.LeaseOwner == Owner && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresAt, expires).SetProperty(j => j.UpdatedAt, now), ct);
        if (renewed == 0) throw new LeaseLostException();
    }

    /// <summary>Marks the batch Failed and removes its partial codes, in one transaction, if this instance still holds the job.</summary>
    private async Task<bool> FailAsync(int jobId, string reason)
    {
        states.TryRemove(jobId, out _);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PromoAdminDbContext>();
        using (await scope.ServiceProvider.GetRequiredService<WriteGate>().EnterAsync(db, CancellationToken.None))
        {
            if (!db.IsSqlite) db.Database.SetCommandTimeout(DbTransactions.LongStatementTimeout);
            var batchId = await db.InTransactionAsync(async (tx, token) =>
            {
                var now = clock.GetUtcNow();
                try
                {
                    await RenewLeaseAsync(db, jobId, now, token);
                }
                catch (LeaseLostException)
                {
                    return (int?)null;
                }
                var batchId = await db.BatchJobs.Where(j => j.Id == jobId).Select(j => j.BatchId).FirstAsync(token);
                await db.PromoCodes.Where(c => c.BatchId == batchId).ExecuteDeleteAsync(token);
                await db.BatchCodeTexts.Where(t => t.BatchId == batchId).ExecuteDeleteAsync(token);
                await db.Batches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BatchStatus.Failed)
                    .SetProperty(b => b.FailureReason, reason.Length > 1000 ? reason[..1000] : reason).SetProperty(b => b.GeneratedCount, 0).SetProperty(b => b.CompletedAt, now), token);
                await db.BatchJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Failed)
                    .SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null).SetProperty(j => j.UpdatedAt, now), token);
                await tx.CommitAsync(token);
                return batchId;
            }, CancellationToken.None);
            if (batchId is null) return false;
            log.LogWarning("Batch {BatchId} failed: {Reason}", batchId, reason);
            return true;
        }
    }

    /// <summary>On shutdown: hands the job back at once, so that the next start (or another instance) resumes it without waiting for the lease.</summary>
    private async Task ReleaseAsync(int jobId)
    {
        states.TryRemove(jobId, out _);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PromoAdminDbContext>();
            await db.BatchJobs.Where(j => j.Id == jobId && j.LeaseOwner == Owner && j.Status == JobStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                    // A clean hand-back is not a failed attempt: restarts alone never exhaust MaxAttempts.
                    .SetProperty(j => j.Attempts, j => j.Attempts - 1));
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Batch job {JobId}: could not hand the lease back; it will expire", jobId);
        }
    }

    private async Task<T> ReadAsync<T>(Func<PromoAdminDbContext, Task<T>> read)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<PromoAdminDbContext>());
    }

    private static string NoRoomMessage(Batch batch) =>
        $"Could not find enough unused codes of {batch.CodeLength} characters{(batch.Prefix is null ? "" : $" with prefix {batch.Prefix}")}: generate the batch again with longer codes.";
}
