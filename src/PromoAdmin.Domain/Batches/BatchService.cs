using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Export;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Domain.Batches;

/// <summary>What the batch list filters on. Name and segment match anywhere in the text, case-sensitively (docs/rules.md#batches).</summary>
public sealed record BatchFilter(int? LocationId = null, string? Name = null, string? Segment = null);

/// <summary>One batch as the list, the page and the API show it.</summary>
public sealed record BatchSummary(
    int Id, int LocationId, string LocationKey, string Name, GenerationMethod Method, int? SegmentId, string? SegmentName, int CodeLength,
    string? Prefix, int RequestedCount, int GeneratedCount, int CodeCount, BatchStatus Status, string? FailureReason,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, bool Disabled = false, bool Archived = false)
{
    /// <summary>0-100; a ready batch is 100 even if its segment shrank.</summary>
    public int Progress => Status == BatchStatus.Ready ? 100
        : RequestedCount <= 0 ? 0 : (int)Math.Clamp(GeneratedCount * 100L / RequestedCount, 0, 99);
}

/// <summary>
/// How much of a batch is used (docs/rules.md#batches): its codes with at least one redemption that is not voided, of all
/// its codes, and the discount those redemptions gave.
/// </summary>
public sealed record BatchUsage(int CodesRedeemed, int CodesTotal, decimal DiscountGiven);

/// <summary>What a batch-level change does to every code of the batch (docs/rules.md#batches).</summary>
public enum BatchCodeChange { Disable, Enable, Archive, Unarchive }

/// <summary>
/// Batches: the request that queues one, its list, inventory, batch-level changes, deletion. The codes themselves are
/// written by <see cref="BatchJobRunner"/>.
/// </summary>
public sealed class BatchService(
    PromoAdminDbContext db, IValidator<BatchRequest> validator, BatchJobSignal signal, AuditLog audit, TimeProvider clock,
    Settings.AccountSettingsService account, Users.Actor actor, BulkUpdateService bulk)
{
    /// <summary>SQL Server compares with the database's (usually case-insensitive) collation unless told otherwise.</summary>
    public const string CaseSensitiveCollation = "Latin1_General_CS_AS";

    /// <summary>Validates the request and queues the batch; a worker generates its codes. The batch shows as Generating until complete.</summary>
    public async Task<Batch> CreateAsync(BatchRequest request, CancellationToken ct = default)
    {
        request = request with { Name = request.Name?.Trim(), Prefix = string.IsNullOrWhiteSpace(request.Prefix) ? null : request.Prefix.Trim(), Settings = await SettingsAsync(request.Settings, ct) };
        await validator.EnsureValidAsync(request, ct);
        var location = await db.Locations.AsNoTracking().FirstAsync(l => l.Key == request.LocationKey, ct);
        actor.EnsureCanActAt(location.Id, location.Key, "locationKey");
        actor.EnsureMayShareEverywhere(request.Settings?.AllLocations, "settings.allLocations");
        var now = clock.GetUtcNow();
        var batch = new Batch
        {
            LocationId = location.Id, Name = request.Name!, Method = request.Method!.Value, CodeLength = request.CodeLength ?? CodeGenerator.DefaultLength,
            Prefix = request.Prefix, Status = BatchStatus.Generating, SettingsJson = JsonSerializer.Serialize(request.Settings, PromoCodeService.Json), CreatedAt = now,
        };
        if (batch.Method == GenerationMethod.Segment)
        {
            var segment = await db.Segments.AsNoTracking().Where(s => s.Id == request.SegmentId)
                .Select(s => new { s.Id, s.Name, Members = s.Members.Count }).FirstAsync(ct);
            (batch.SegmentId, batch.SegmentName, batch.RequestedCount) = (segment.Id, segment.Name, segment.Members);
        }
        else
        {
            batch.RequestedCount = request.Count!.Value;
        }
        await account.EnsureWithinServiceLimitsAsync(request.Settings!, batch.RequestedCount, batch.Method == GenerationMethod.Segment ? "segmentId" : "count", ct: ct);
        // The batch and its job together: a batch without a job would say Generating forever.
        await db.InTransactionAsync(async (tx, token) =>
        {
            batch.Id = 0;
            db.Batches.Add(batch);
            await db.SaveChangesAsync(token);
            db.BatchJobs.Add(new BatchJob { BatchId = batch.Id, Status = JobStatus.Queued, CreatedAt = now, UpdatedAt = now });
            // One entry for the whole batch when it is requested, with the count and its settings (docs/rules.md#audit).
            audit.Record(AuditEntities.Batch, batch.Id, batch.Name, AuditActions.Generate, location.Key, AuditLog.Diff(null, request.Settings), batch.RequestedCount);
            await db.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            return batch.Id;
        }, ct);
        signal.Notify();
        return batch;
    }

    public async Task<Page<BatchSummary>> ListAsync(BatchFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var query = db.Batches.AsNoTracking();
        if (filter.LocationId is int locationId) query = query.Where(b => b.LocationId == locationId);
        if (!string.IsNullOrEmpty(filter.Name))
            query = db.IsSqlite ? query.Where(b => b.Name.Contains(filter.Name))
                : query.Where(b => EF.Functions.Collate(b.Name, CaseSensitiveCollation).Contains(filter.Name));
        if (!string.IsNullOrEmpty(filter.Segment))
            query = db.IsSqlite ? query.Where(b => b.SegmentName != null && b.SegmentName.Contains(filter.Segment))
                : query.Where(b => b.SegmentName != null && EF.Functions.Collate(b.SegmentName, CaseSensitiveCollation).Contains(filter.Segment));
        return await Summaries(query.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id)).ToPageAsync(page, ct);
    }

    /// <summary>How many batches a location has (the dashboard's count).</summary>
    public Task<int> CountAsync(int locationId, CancellationToken ct = default) => db.Batches.CountAsync(b => b.LocationId == locationId, ct);

    /// <summary>The batch's name, or null when there is no such batch.</summary>
    public Task<string?> NameAsync(int id, CancellationToken ct = default) =>
        db.Batches.AsNoTracking().Where(b => b.Id == id).Select(b => b.Name).FirstOrDefaultAsync(ct);

    /// <summary>The batch by id, or null when there is none or it belongs to a location the actor does not see.</summary>
    public async Task<BatchSummary?> FindAsync(int id, CancellationToken ct = default) =>
        await Summaries(db.Batches.AsNoTracking().Where(b => b.Id == id)).FirstOrDefaultAsync(ct) is { } batch && actor.Sees(batch.LocationId) ? batch : null;

    /// <summary>
    /// The batch's usage, aggregated in the database (a batch may hold a million codes): its redemptions that are not voided,
    /// joined to its codes through the BatchId index and the redemptions' PromoCodeId index; no row is loaded.
    /// </summary>
    public async Task<BatchUsage> UsageAsync(BatchSummary batch, CancellationToken ct = default)
    {
        var id = batch.Id;
        var redemptions = db.Redemptions.AsNoTracking().Where(r => r.Status == Redemptions.RedemptionStatus.Applied)
            .Join(db.PromoCodes.Where(c => c.BatchId == id), r => r.PromoCodeId, c => (int?)c.Id, (r, c) => r);
        // One row (none without redemptions): both figures in one pass over the join.
        var used = (await redemptions.GroupBy(r => 1)
            .Select(g => new { Codes = g.Select(r => r.PromoCodeId).Distinct().Count(), Discount = g.Sum(r => r.Discount) })
            .ToListAsync(ct)).SingleOrDefault();
        return new BatchUsage(used?.Codes ?? 0, batch.CodeCount, used?.Discount ?? 0m);
    }

    /// <summary>Status and progress of a few batches, for the progress bars' polling (cheap: no code counts).</summary>
    public Task<List<BatchSummary>> ProgressAsync(IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        db.Batches.AsNoTracking().Where(b => ids.Contains(b.Id)).Select(b => new BatchSummary(
            b.Id, b.LocationId, b.Location.Key, b.Name, b.Method, b.SegmentId, b.SegmentName, b.CodeLength, b.Prefix, b.RequestedCount,
            b.GeneratedCount, b.GeneratedCount, b.Status, b.FailureReason, b.CreatedAt, b.CompletedAt, b.Disabled, b.Archived)).ToListAsync(ct);

    /// <summary>The batch's codes, oldest first, both tabs. None until the batch is ready: a batch appears complete or not at all.</summary>
    public async Task<Page<PromoCode>> CodesAsync(int id, int? actingLocationId, PageRequest page, string? search = null, CancellationToken ct = default)
    {
        var status = await StatusAtAsync(id, actingLocationId, ct);
        var query = db.PromoCodes.AsNoTracking().Where(c => c.BatchId == id && status == BatchStatus.Ready);
        // The batch page's search: anywhere in the code, as the list's (docs/rules.md#lists), archived codes too.
        if (!string.IsNullOrWhiteSpace(search) && PromoCode.Normalize(search) is { Length: > 0 } text) query = query.Where(c => c.NormalizedCode.Contains(text));
        return await query.OrderBy(c => c.Id).Include(c => c.Location).Include(c => c.Group).Include(c => c.AssignedCustomer).Include(c => c.Batch)
            .ToPageAsync(page, ct);
    }

    /// <summary>
    /// The CSV rows of the batch (docs/rules.md#csv: one per code of the batch, archived ones too), streamed in id order;
    /// none until the batch is ready. A plain index range on BatchId: three times cheaper than the promo code list's query.
    /// A segment batch's rows carry the customer each code is assigned to (its export's customer columns).
    /// </summary>
    public async Task<PromoCodeCsvExport> ExportRowsAsync(int id, int? actingLocationId, CancellationToken ct = default)
    {
        var batch = await AtAsync(id, actingLocationId, ct);
        var status = batch.Status;
        var segment = batch.Method == GenerationMethod.Segment;
        var today = await LocationToday.ReadAsync(db, clock.GetUtcNow(), ct);
        var rows = db.PromoCodes.AsNoTracking().Where(c => c.BatchId == id && status == BatchStatus.Ready).OrderBy(c => c.Id)
            .ToCsvRows(today, BatchSwitches.Of(id, batch.Archived, batch.Disabled), customers: segment)
            .AsAsyncEnumerable().ReadAhead(ct: ct);
        return new PromoCodeCsvExport(rows, segment);
    }

    /// <summary>The settings the batch was generated with.</summary>
    public static PromoCodeInput ReadSettings(Batch batch) =>
        JsonSerializer.Deserialize<PromoCodeInput>(batch.SettingsJson, PromoCodeService.Json) ?? new PromoCodeInput();

    /// <summary>
    /// Sets or increments the remaining usages of every code of the batch in one statement, whatever its size.
    /// Increment leaves unlimited codes unlimited; set makes every code limited to exactly <paramref name="amount"/>.
    /// </summary>
    public async Task<int> ModifyInventoryAsync(int id, int? actingLocationId, InventoryAction? action, int? amount, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (action is not (InventoryAction.Increment or InventoryAction.Set)) errors["action"] = ["Select Increment or Set."];
        if (amount is null) errors["amount"] = ["Enter the inventory amount."];
        else if (action == InventoryAction.Set && amount < 0) errors["amount"] = ["Inventory cannot be negative."];
        else if (action == InventoryAction.Increment && amount < 1) errors["amount"] = ["Increment by at least 1."];
        var batch = await AtAsync(id, actingLocationId, ct);
        if (errors.Count > 0) throw new DomainValidationException(errors);
        if (batch.Status != BatchStatus.Ready) throw new DomainValidationException("action", "The batch is not ready: its inventory can be modified once every code is generated.");
        var n = amount!.Value;
        // The counters only (their own narrow table, PromoCodeInventory): the codes' rules and UpdatedAt stay as they are, and
        // checkout reads the quantity live on every request anyway. The batch's ids come from the BatchId index.
        var codes = db.PromoCodes.Where(c => c.BatchId == id).Select(c => c.Id);
        if (!db.IsSqlite) db.Database.SetCommandTimeout(DbTransactions.LongStatementTimeout); // a million rows, one statement
        return await db.InTransactionAsync(async (tx, token) =>
        {
            var count = action == InventoryAction.Set
                ? await InventoryUpdates.SetAsync(db, codes, n, token)
                : await InventoryUpdates.IncrementAsync(db, codes, n, token);
            // One entry for the batch, with the count, committed with the change (docs/rules.md#audit).
            audit.Record(AuditEntities.Batch, id, batch.Name, AuditActions.Inventory, batch.LocationKey,
                [new AuditChange("quantity", null, action == InventoryAction.Set ? $"{n}" : $"+{n}")], count);
            await db.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            return count;
        }, ct);
    }

    public Task<int> DisableAsync(int id, int? actingLocationId, CancellationToken ct = default) => ChangeCodesAsync(id, actingLocationId, BatchCodeChange.Disable, ct);

    public Task<int> EnableAsync(int id, int? actingLocationId, CancellationToken ct = default) => ChangeCodesAsync(id, actingLocationId, BatchCodeChange.Enable, ct);

    public Task<int> ArchiveAsync(int id, int? actingLocationId, CancellationToken ct = default) => ChangeCodesAsync(id, actingLocationId, BatchCodeChange.Archive, ct);

    public Task<int> UnarchiveAsync(int id, int? actingLocationId, CancellationToken ct = default) => ChangeCodesAsync(id, actingLocationId, BatchCodeChange.Unarchive, ct);

    /// <summary>
    /// Disables, enables, archives or unarchives every code of a ready batch at once, whatever its size, with one audit
    /// entry: it turns the batch's switch (<see cref="Batch.Disabled"/>, <see cref="Batch.Archived"/>), one row, which
    /// checkout, the lists, the status and the CSV read with each code. The codes' own switches are left as they are, so
    /// turning the batch's back gives each code its own state again (docs/rules.md#batches). The answer is the number of
    /// codes the switch covers, 0 when the batch was already in that state.
    /// </summary>
    public async Task<int> ChangeCodesAsync(int id, int? actingLocationId, BatchCodeChange change, CancellationToken ct = default)
    {
        var batch = await ReadyAtAsync(id, actingLocationId, change.ToString().ToLowerInvariant() + "d", ct);
        var on = change is BatchCodeChange.Disable or BatchCodeChange.Archive;
        return await db.InTransactionAsync(async (tx, token) =>
        {
            // A conditional update: of two requests racing to the same state, one changes the row and is audited.
            var row = db.Batches.Where(b => b.Id == id);
            var switched = change is BatchCodeChange.Disable or BatchCodeChange.Enable
                ? await row.Where(b => b.Disabled != on).ExecuteUpdateAsync(s => s.SetProperty(b => b.Disabled, on), token)
                : await row.Where(b => b.Archived != on).ExecuteUpdateAsync(s => s.SetProperty(b => b.Archived, on), token);
            var count = switched == 0 ? 0 : await db.PromoCodes.CountAsync(c => c.BatchId == id, token);
            // One entry for the batch, with the count, committed with the change (docs/rules.md#audit).
            var (action, field, value) = change switch
            {
                BatchCodeChange.Disable => (AuditActions.Disable, "enabled", false),
                BatchCodeChange.Enable => (AuditActions.Enable, "enabled", true),
                BatchCodeChange.Archive => (AuditActions.Archive, "archived", true),
                _ => (AuditActions.Unarchive, "archived", false),
            };
            // Already so: the request is recorded, with no change.
            audit.Record(AuditEntities.Batch, id, batch.Name, action, batch.LocationKey,
                switched == 0 ? null : [new AuditChange(field, AuditLog.Text(!value), AuditLog.Text(value))], count);
            await db.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            return count;
        }, ct);
    }

    /// <summary>
    /// Sets the picked settings (<paramref name="fields"/>, JSON names of the bulk update's fields) on every code of a ready
    /// batch: the bulk update's checks and statement, one entry on the batch. The batch keeps the settings it was generated
    /// with; this changes its codes.
    /// </summary>
    public async Task<int> UpdateSettingsAsync(int id, int? actingLocationId, IReadOnlyCollection<string> fields, PromoCodeInput values, CancellationToken ct = default)
    {
        // Sharing a batch's codes everywhere would need every one of its texts checked against every location's codes
        // (docs/rules.md#code-text); a batch is generated for all locations or not at all.
        if (fields.Contains("allLocations"))
            throw new DomainValidationException("allLocations", "A batch's codes cannot be made available at all locations afterwards: generate the batch for all locations instead.");
        var batch = await ReadyAtAsync(id, actingLocationId, "changed", ct);
        return await bulk.UpdateBatchAsync(id, batch.Name, batch.LocationKey, fields, values, ct);
    }

    /// <summary>Deletes the batch, its job and its codes (the database cascades); redemptions keep their records, their code link set to null.</summary>
    public async Task DeleteAsync(int id, int? actingLocationId, CancellationToken ct = default)
    {
        var batch = await AtAsync(id, actingLocationId, ct);
        var deleted = 0;
        if (!db.IsSqlite)
        {
            // SQL Server: the codes go in steps under the lock-escalation threshold, so redeems of other codes never wait
            // behind a table lock; the cascade then has nothing left to do. SQLite has one writer anyway: one statement.
            db.Database.SetCommandTimeout(DbTransactions.LongStatementTimeout);
            for (int step; (step = await DeleteCodesStepAsync(db, id, ct)) > 0;) deleted += step;
        }
        // The batch (and on SQLite its codes, by the cascade) and its one entry with the count, together (docs/rules.md#audit).
        await db.InTransactionAsync(async (tx, token) =>
        {
            var count = deleted + await db.PromoCodes.CountAsync(c => c.BatchId == id, token);
            if (await db.Batches.Where(b => b.Id == id).ExecuteDeleteAsync(token) == 0) throw new NotFoundException($"Batch {id} not found.");
            audit.Record(AuditEntities.Batch, id, batch.Name, AuditActions.Delete, batch.LocationKey, count: count);
            await db.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            return count;
        }, ct);
    }

    /// <summary>Deletes up to <see cref="DbTransactions.SqlServerRowsPerStatement"/> codes of the batch (their inventory rows cascade).</summary>
    internal static Task<int> DeleteCodesStepAsync(PromoAdminDbContext db, int batchId, CancellationToken ct)
    {
        var step = db.PromoCodes.Where(c => c.BatchId == batchId).OrderBy(c => c.Id).Take(DbTransactions.SqlServerRowsPerStatement).Select(c => c.Id);
        return db.PromoCodes.Where(c => step.Contains(c.Id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// A batch belongs to a location like its codes: acting from another location (<paramref name="actingLocationId"/>,
    /// null when the caller names none) is refused. The pages answer 404, the API 403.
    /// </summary>
    private async Task<BatchStatus> StatusAtAsync(int id, int? actingLocationId, CancellationToken ct) => (await AtAsync(id, actingLocationId, ct)).Status;

    private sealed record BatchAt(BatchStatus Status, int LocationId, string LocationName, string Name, string LocationKey, GenerationMethod Method, bool Archived, bool Disabled);

    private async Task<BatchAt> AtAsync(int id, int? actingLocationId, CancellationToken ct)
    {
        var batch = await db.Batches.AsNoTracking().Where(b => b.Id == id).Select(b => new BatchAt(b.Status, b.LocationId, b.Location.Name, b.Name, b.Location.Key, b.Method, b.Archived, b.Disabled))
                        .FirstOrDefaultAsync(ct) ?? throw new NotFoundException($"Batch {id} not found.");
        if (!actor.Sees(batch.LocationId)) throw new NotFoundException($"Batch {id} not found.");
        if (actingLocationId is int acting && acting != batch.LocationId)
            throw new ForbiddenActionException($"Batch {id} belongs to {batch.LocationName}: act on it from that location.");
        return batch;
    }

    /// <summary>The batch, if it is ready: until then (or once failed) it has no codes to change.</summary>
    private async Task<BatchAt> ReadyAtAsync(int id, int? actingLocationId, string done, CancellationToken ct)
    {
        var batch = await AtAsync(id, actingLocationId, ct);
        return batch.Status switch
        {
            BatchStatus.Ready => batch,
            BatchStatus.Generating => throw new DomainValidationException("status", $"The batch is still generating: its codes can be {done} once every code is generated."),
            _ => throw new DomainValidationException("status", "The batch failed: it has no codes to change. Generate it again."),
        };
    }

    private IQueryable<BatchSummary> Summaries(IQueryable<Batch> batches) => batches.Select(b => new BatchSummary(
        b.Id, b.LocationId, b.Location.Key, b.Name, b.Method, b.SegmentId, b.SegmentName, b.CodeLength, b.Prefix, b.RequestedCount, b.GeneratedCount,
        // Clones join a batch after it is ready, so a ready batch counts its codes; until then the worker's count is the truth.
        b.Status == BatchStatus.Ready ? db.PromoCodes.Count(c => c.BatchId == b.Id) : b.GeneratedCount,
        b.Status, b.FailureReason, b.CreatedAt, b.CompletedAt, b.Disabled, b.Archived));

    /// <summary>The batch's settings as stored: no code text or location of their own; group defaults and the variant group filled in.</summary>
    private async Task<PromoCodeInput> SettingsAsync(PromoCodeInput? settings, CancellationToken ct)
    {
        var s = (settings ?? new PromoCodeInput()) with { Code = null, LocationKey = null, DuplicateTo = null };
        if (s.ApplyGroupDefaults == true && s.GroupId is int groupId
            && await db.PromoCodeGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct) is { } group)
            s = s.WithDefaults(PromoCodeGroupService.ReadDefaults(group));
        s = s with { ApplyGroupDefaults = null };
        return await PromoCodeService.TargetVariantGroupAsync(db, s, ct);
    }
}
