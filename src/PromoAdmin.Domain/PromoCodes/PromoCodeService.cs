using System.Linq.Expressions;
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.Locations;

namespace PromoAdmin.Domain.PromoCodes;

/// <summary>What a list, the API and the CSV export filter on (docs/rules.md#lists, docs/api.md#promo-codes).</summary>
public sealed record PromoCodeFilter(
    int LocationId, bool Archived = false, string? Code = null, IReadOnlyList<int>? GroupIds = null, int? BatchId = null, CodeStatus? Status = null,
    CodeSource Source = CodeSource.All);

/// <summary>The one place where promo code rules live: the pages and the API both call it.</summary>
public sealed class PromoCodeService(
    PromoAdminDbContext db, IValidator<PromoCodeInput> validator, AuditLog audit, TimeProvider clock, Settings.AccountSettingsService account, Users.Actor actor)
{
    public const int MaxCloneCount = 10_000;

    /// <summary>
    /// The list query shared by the page, the API and the CSV export: the location's own codes and other locations'
    /// all-locations codes, on one tab, never codes of a batch that is still generating or failed; newest first unless
    /// <paramref name="order"/> says otherwise. The two parts are a UNION ALL rather than one OR, so that each part uses its
    /// index at a million codes.
    /// </summary>
    public async Task<IQueryable<PromoCode>> QueryAsync(PromoCodeFilter filter, PromoCodeOrder? order = null, CancellationToken ct = default)
    {
        var (own, shared) = await PartsAsync(filter, ct);
        return Ordered(own.Concat(shared), order ?? PromoCodeOrder.Newest);
    }

    // The sort keys of the list's columns (docs/rules.md#lists). Unlimited remaining uses sort above every number.
    private static readonly Expression<Func<PromoCode, string>> ByCode = c => c.NormalizedCode;
    private static readonly Expression<Func<PromoCode, decimal>> ByAmount = c => c.Amount;
    private static readonly Expression<Func<PromoCode, int>> ByRemaining = c => c.Inventory.Quantity ?? int.MaxValue;
    private static readonly Expression<Func<PromoCode, int>> ByUsed = c => c.Inventory.TimesUsed;
    private static readonly Expression<Func<PromoCode, DateTimeOffset>> ByUpdated = c => c.UpdatedAt;

    /// <summary>The codes in the list's order: the column, then creation order the same way, so pages never repeat or skip a code.</summary>
    private static IOrderedQueryable<PromoCode> Ordered(IQueryable<PromoCode> query, PromoCodeOrder order)
    {
        IOrderedQueryable<PromoCode> By<TKey>(Expression<Func<PromoCode, TKey>> key) =>
            order.Descending ? query.OrderByDescending(key).ThenByDescending(c => c.Id) : query.OrderBy(key).ThenBy(c => c.Id);
        return order.Column switch
        {
            SortColumn.Code => By(ByCode),
            SortColumn.Amount => By(ByAmount),
            SortColumn.Remaining => By(ByRemaining),
            SortColumn.Used => By(ByUsed),
            SortColumn.Updated => By(ByUpdated),
            _ => order.Descending ? query.OrderByDescending(c => c.Id) : query.OrderBy(c => c.Id),
        };
    }

    /// <summary>
    /// One page's ids in the list's order. Each half carries its sort key out, so that SQLite merges the two halves, each
    /// read in order from its index (docs/benchmarks.md, "the list at scale"): sorted by a column the union does not
    /// return, it sorted every code of the location first.
    /// </summary>
    private static async Task<List<int>> PageIdsAsync(IQueryable<PromoCode> own, IQueryable<PromoCode> shared, PromoCodeOrder order, int skip, int take,
        CancellationToken ct)
    {
        async Task<List<int>> By<TKey>(Expression<Func<PromoCode, TKey>> key)
        {
            var keyed = Keyed(own, key).Concat(Keyed(shared, key));
            var ordered = order.Descending ? keyed.OrderByDescending(r => r.Key).ThenByDescending(r => r.Id) : keyed.OrderBy(r => r.Key).ThenBy(r => r.Id);
            return [.. (await ordered.Skip(skip).Take(take).ToListAsync(ct)).Select(r => r.Id)];
        }
        return order.Column switch
        {
            SortColumn.Code => await By(ByCode),
            SortColumn.Amount => await By(ByAmount),
            SortColumn.Remaining => await By(ByRemaining),
            SortColumn.Used => await By(ByUsed),
            SortColumn.Updated => await By(ByUpdated),
            _ => await Ordered(own.Concat(shared), order).Skip(skip).Take(take).Select(c => c.Id).ToListAsync(ct),
        };
    }

    private sealed class KeyedId<TKey>
    {
        public int Id { get; init; }
        public TKey Key { get; init; } = default!;
    }

    /// <summary><c>c => new KeyedId { Id = c.Id, Key = key(c) }</c>, built as an expression EF translates.</summary>
    private static IQueryable<KeyedId<TKey>> Keyed<TKey>(IQueryable<PromoCode> query, Expression<Func<PromoCode, TKey>> key)
    {
        var row = key.Parameters[0];
        var body = Expression.MemberInit(Expression.New(typeof(KeyedId<TKey>)),
            Expression.Bind(typeof(KeyedId<TKey>).GetProperty(nameof(KeyedId<TKey>.Id))!, Expression.Property(row, nameof(PromoCode.Id))),
            Expression.Bind(typeof(KeyedId<TKey>).GetProperty(nameof(KeyedId<TKey>.Key))!, key.Body));
        return query.Select(Expression.Lambda<Func<PromoCode, KeyedId<TKey>>>(body, row));
    }

    private async Task<(IQueryable<PromoCode> Own, IQueryable<PromoCode> Shared)> PartsAsync(PromoCodeFilter filter, CancellationToken ct)
    {
        // Each half asks only about the batches its codes can belong to: the location's own, or the other locations'.
        var here = await BatchSwitches.ReadAsync(db, b => b.LocationId == filter.LocationId, ct);
        var elsewhere = await BatchSwitches.ReadAsync(db, b => b.LocationId != filter.LocationId, ct);
        var today = await TodayForAsync(filter, ct);
        var batchCodes = HasCodeText(filter) && filter.Source != CodeSource.Manual
            ? await BatchCodeText.FindAsync(db, filter.LocationId, filter.BatchId, PromoCode.Normalize(filter.Code!), MostBatchCodesFound, ct)
            : null;
        return (Filtered(db.PromoCodes.AsNoTracking().Where(c => c.LocationId == filter.LocationId), filter, here, today?.Only(filter.LocationId), batchCodes: batchCodes),
                Filtered(db.PromoCodes.AsNoTracking().Where(c => c.AllLocations && c.LocationId != filter.LocationId), filter, elsewhere,
                    today?.Except(filter.LocationId), shared: true));
    }

    /// <summary>Every location's date, read (a few rows) only when the list filters on status.</summary>
    private async Task<LocationToday?> TodayForAsync(PromoCodeFilter filter, CancellationToken ct) =>
        filter.Status is null ? null : await LocationToday.ReadAsync(db, clock.GetUtcNow(), ct);

    /// <summary>How many of the location's own codes are on a tab: what the dashboard counts, never codes of an unfinished batch.</summary>
    public async Task<int> CountOwnAsync(int locationId, bool archived, CancellationToken ct = default) =>
        await (await OwnQueryAsync(new PromoCodeFilter(locationId, archived), ct)).CountAsync(ct);

    /// <summary>Only the location's own codes matching the filter (what bulk update may change).</summary>
    public async Task<IQueryable<PromoCode>> OwnQueryAsync(PromoCodeFilter filter, CancellationToken ct = default) =>
        Filtered(db.PromoCodes.Where(c => c.LocationId == filter.LocationId), filter, await BatchSwitches.ReadAsync(db, b => b.LocationId == filter.LocationId, ct),
            (await TodayForAsync(filter, ct))?.Only(filter.LocationId));

    /// <summary>
    /// Filters the codes. With <paramref name="batchCodes"/> (the normalised codes of the location's batches that contain the
    /// searched text, from <see cref="BatchCodeText"/>), batch codes are looked up by those texts and only hand-made codes are
    /// searched in the database; without, every code is.
    /// </summary>
    private static IQueryable<PromoCode> Filtered(IQueryable<PromoCode> query, PromoCodeFilter filter, BatchSwitches batches, LocationToday? today,
        bool shared = false, List<string>? batchCodes = null)
    {
        var hiddenBatches = batches.Hidden;
        if (hiddenBatches.Count > 0)
            query = query.Where(c => c.BatchId == null || !EF.Parameter(hiddenBatches).Contains(c.BatchId.Value));
        if (filter.Source == CodeSource.Manual) query = query.Where(c => c.BatchId == null);
        else if (filter.Source == CodeSource.Batch) query = query.Where(c => c.BatchId != null);
        // Anywhere in the code, ignoring case, spaces and hyphens: the normalised code holds the text without them.
        if (HasCodeText(filter))
        {
            var text = PromoCode.Normalize(filter.Code!);
            query = batchCodes is null
                ? query.Where(c => c.NormalizedCode.Contains(text))
                : query.Where(c => c.BatchId == null && c.NormalizedCode.Contains(text))
                    .Concat(query.Where(c => c.BatchId != null && EF.Parameter(batchCodes).Contains(c.NormalizedCode)));
        }
        if (filter.GroupIds?.Where(g => g > 0).ToList() is { Count: > 0 } groups) // a group id is positive: 0 would match COALESCE's stand-in below
        {
            // The other locations' all-locations codes are few and found on their partial index. Asked for a group, SQLite
            // preferred the group's index instead and read every code of the group for its AllLocations flag (110-140 ms at
            // 1,000,000 codes, twice a page): the group is tested on a value no index holds, so that half keeps its index
            // (docs/benchmarks.md, "the list's other half").
            query = shared
                ? query.Where(c => groups.Contains(c.GroupId ?? 0))
                // No "GroupId IS NOT NULL" beside it: with it SQLite read the index from the first group on, not the one asked.
                : query.Where(c => groups.Contains(c.GroupId!.Value));
        }
        if (filter.BatchId is int batchId)
            query = query.Where(c => c.BatchId == batchId);
        if (filter.Status is CodeStatus status)
            query = query.WhereStatus(status, today!, batches);

        // The tab: a code's own switch, or its batch's (docs/rules.md#batches), by the batch's id. With archived batches the
        // archived tab is two seeks joined, the codes archived on their own and the other codes of those batches: one OR of
        // the two is served by no index and read every code of the location.
        if (batches.Archived.Count == 0) return query.Where(c => c.IsArchived == filter.Archived);
        if (!filter.Archived) return query.Where(PromoCodeStatus.NotArchived(batches));
        var archivedBatches = batches.Archived;
        var (yes, no) = (true, false);
        return query.Where(c => c.IsArchived == yes)
            .Concat(query.Where(c => c.IsArchived == no && c.BatchId != null && EF.Parameter(archivedBatches).Contains(c.BatchId.Value)));
    }

    /// <summary>The export's rows for a filter, streamed from the database.</summary>
    public async Task<IAsyncEnumerable<Export.PromoCodeCsvRow>> ExportRowsAsync(PromoCodeFilter filter, PromoCodeOrder? order = null, CancellationToken ct = default)
    {
        var today = await LocationToday.ReadAsync(db, clock.GetUtcNow(), ct);
        return Export.PromoCodeCsv.ToCsvRows(await QueryAsync(filter, order, ct), today, await BatchSwitches.ReadAsync(db, _ => true, ct)).AsAsyncEnumerable();
    }

    /// <summary>One page of the list: ids in the database, then those rows with their group and location.</summary>
    public async Task<Page<PromoCode>> ListAsync(PromoCodeFilter filter, PageRequest page, PromoCodeOrder? order = null, CancellationToken ct = default)
    {
        var (own, shared) = await PartsAsync(filter, ct);
        int total;
        if (HasCodeText(filter) && await FewMatchesAsync(own, shared, ct) is { } matches)
        {
            // A search that few codes match: one pass found them all, so the count is known and the page is ordered among them.
            total = matches.Count;
            (own, shared) = (own.Where(c => EF.Parameter(matches).Contains(c.Id)), shared.Where(c => EF.Parameter(matches).Contains(c.Id)));
        }
        // Each half counted on its own index: cheaper than counting through the union.
        else total = await own.CountAsync(ct) + await shared.CountAsync(ct);
        var ids = await PageIdsAsync(own, shared, order ?? PromoCodeOrder.Newest, (page.SafePage - 1) * page.SafePageSize, page.SafePageSize, ct);
        var rows = (await db.PromoCodes.AsNoTracking().Include(c => c.Group).Include(c => c.Location).Include(c => c.Batch)
            .Where(c => ids.Contains(c.Id)).ToListAsync(ct)).ToDictionary(c => c.Id);
        return new Page<PromoCode>([.. ids.Select(id => rows[id])], page.SafePage, page.SafePageSize, total);
    }

    /// <summary>At most this many codes are found in one pass by <see cref="FewMatchesAsync"/>.</summary>
    private const int FewMatches = 1_000;

    /// <summary>A search that finds more batch codes than this in <see cref="BatchCodeText"/> (a letter or two) is left to the database.</summary>
    private const int MostBatchCodesFound = 2_000;

    private static bool HasCodeText(PromoCodeFilter filter) => !string.IsNullOrWhiteSpace(filter.Code) && PromoCode.Normalize(filter.Code).Length > 0;

    /// <summary>
    /// The ids of every code the filter matches when there are at most <see cref="FewMatches"/>, else null. Text searched
    /// anywhere in a code is served by no index: counting the matches and then reading the codes in the list's order for a
    /// page each went through every code of the location, the second time row by row when matches were rare. One pass
    /// without an order finds the few (docs/benchmarks.md, "searching anywhere in a million codes").
    /// </summary>
    private static async Task<List<int>?> FewMatchesAsync(IQueryable<PromoCode> own, IQueryable<PromoCode> shared, CancellationToken ct)
    {
        var ids = await own.Select(c => c.Id).Concat(shared.Select(c => c.Id)).Take(FewMatches + 1).ToListAsync(ct);
        return ids.Count <= FewMatches ? ids : null;
    }

    /// <summary>How many of a location's listed codes each group has.</summary>
    public async Task<Dictionary<int, int>> CountByGroupAsync(int locationId, List<int> groupIds, CancellationToken ct = default) =>
        groupIds.Count == 0 ? [] : await (await QueryAsync(new PromoCodeFilter(locationId, GroupIds: groupIds), ct: ct))
            .GroupBy(c => c.GroupId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    public Task<bool> ExistsAsync(int id, CancellationToken ct = default) => db.PromoCodes.AnyAsync(c => c.Id == id, ct);

    /// <summary>Codes as the API shows them (location, variant targeting group and assigned customer by their names and keys).</summary>
    public async Task<Page<PromoCodeDetails>> DetailsAsync(Page<PromoCode> page, CancellationToken ct = default)
    {
        var vtgNames = await db.VariantTargetingGroups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var now = clock.GetUtcNow();
        return page.Map(c => PromoCodeMapping.ToDetails(c, c.Location.Key, c.Location.Name,
            c.VariantTargetingGroupId is int v ? vtgNames.GetValueOrDefault(v) : null, c.AssignedCustomer?.Key) with
        {
            Status = PromoCodeStatus.Of(c, now, c.Location.TimeZone),
            BatchDisabled = c.Batch?.Disabled == true ? true : null, BatchArchived = c.Batch?.Archived == true ? true : null,
        });
    }

    /// <summary>The code by id, or null when there is none or it belongs to a location the actor does not see.</summary>
    public async Task<PromoCode?> FindAsync(int id, CancellationToken ct = default)
    {
        var code = await db.PromoCodes.AsNoTracking().Include(c => c.Location).Include(c => c.Group).Include(c => c.AssignedCustomer)
            .Include(c => c.Batch).FirstOrDefaultAsync(c => c.Id == id, ct);
        return code is null || actor.Sees(code.LocationId) || code.AllLocations ? code : null;
    }

    public async Task<PromoCodeDetails?> GetDetailsAsync(int id, CancellationToken ct = default)
    {
        var c = await FindAsync(id, ct);
        if (c is null) return null;
        var vtg = c.VariantTargetingGroupId is int v ? await db.VariantTargetingGroups.Where(g => g.Id == v).Select(g => g.Name).FirstOrDefaultAsync(ct) : null;
        return PromoCodeMapping.ToDetails(c, c.Location.Key, c.Location.Name, vtg, c.AssignedCustomer?.Key) with
        {
            Status = PromoCodeStatus.Of(c, clock.GetUtcNow(), c.Location.TimeZone),
            BatchDisabled = c.Batch?.Disabled == true ? true : null, BatchArchived = c.Batch?.Archived == true ? true : null,
        };
    }

    /// <summary>Creates a code at <c>locationKey</c> and its independent copies at <c>duplicateTo</c>, all or none.</summary>
    public async Task<PromoCode> CreateAsync(PromoCodeInput input, CancellationToken ct = default)
    {
        input = await WithGroupDefaultsAsync(input, ct);
        var errors = await ValidationErrorsAsync(input, requireCode: true, ct);
        if (string.IsNullOrEmpty(input.LocationKey)) errors["locationKey"] = ["Pick the location that owns the code."];
        var owner = string.IsNullOrEmpty(input.LocationKey) ? null : await db.Locations.FirstOrDefaultAsync(l => l.Key == input.LocationKey, ct);
        List<Location> targets = owner is null ? [] : [owner];
        if (owner is not null && input.DuplicateTo is { Count: > 0 })
            targets.AddRange(await db.Locations.Where(l => input.DuplicateTo.Contains(l.Key) && l.Id != owner.Id).ToListAsync(ct));
        // Only where the actor may act: a location they do not see is refused below as unknown, never asked about.
        if (!errors.ContainsKey("code")
            // An all-locations clash names another location: asked only for an actor who may share everywhere (who sees all).
            && await ClashAsync(input.Code!, [.. targets.Where(t => actor.Sees(t.Id)).Select(t => t.Id)], input.AllLocations == true && actor.SeesAll, 0, ct) is { } clash)
            errors["code"] = [clash];
        if (errors.Count > 0) throw new DomainValidationException(errors);
        foreach (var target in targets) actor.EnsureCanActAt(target.Id, target.Key, target == owner ? "locationKey" : "duplicateTo");
        actor.EnsureMayShareEverywhere(input.AllLocations);

        var vtgId = await VariantTargetingGroupIdAsync(input.VariantTargetingGroup, ct);
        input = await FillFromVariantTargetingGroupAsync(input, ct);
        var now = clock.GetUtcNow();
        // The codes first, for their ids; then one entry per code, in the same transaction (docs/rules.md#audit).
        var created = await audit.SaveNewAsync(async token =>
        {
            var codes = new List<(PromoCode Code, string LocationKey)>();
            foreach (var location in targets)
            {
                var code = new PromoCode { LocationId = location.Id, Code = input.Code!.Trim(), NormalizedCode = PromoCode.Normalize(input.Code), CreatedAt = now, UpdatedAt = now };
                PromoCodeMapping.ApplySettings(code, input, vtgId);
                db.PromoCodes.Add(code);
                codes.Add((code, location.Key));
            }
            await db.SaveOrDuplicateAsync("code", $"Promo code {input.Code} already exists at this location.", token);
            return codes;
        }, codes =>
        {
            foreach (var (code, key) in codes)
                audit.Record(AuditEntities.PromoCode, code.Id, code.Code, AuditActions.Create, key,
                    PromoCodeAudit.Changes(null, PromoCodeMapping.ToDetails(code, key, null, vtgId is null ? null : input.VariantTargetingGroup, null)));
        }, ct);
        return created[0].Code;
    }

    /// <summary>Replaces every setting of a code (not given = default). Only the owning location may.</summary>
    public async Task<PromoCode> UpdateAsync(int id, PromoCodeInput input, int? actingLocationId, CancellationToken ct = default)
    {
        var code = await LoadOwnedAsync(id, actingLocationId, ct);
        var errors = await ValidationErrorsAsync(input, requireCode: true, ct);
        if (!errors.ContainsKey("code")
            && await ClashAsync(input.Code!, [code.LocationId], input.AllLocations == true && (actor.SeesAll || code.AllLocations), code.Id, ct) is { } clash)
            errors["code"] = [clash];
        if (errors.Count > 0) throw new DomainValidationException(errors);
        if (!code.AllLocations) actor.EnsureMayShareEverywhere(input.AllLocations);
        var before = await AuditDetailsAsync(code, ct);
        input = await FillFromVariantTargetingGroupAsync(input, ct);
        code.Code = input.Code!.Trim();
        if (code.BatchId is int batchId && PromoCode.Normalize(input.Code) != code.NormalizedCode)
            db.BatchCodeTexts.AddRange(BatchCodeText.For(batchId, [PromoCode.Normalize(input.Code)])); // found by its new text too
        code.NormalizedCode = PromoCode.Normalize(input.Code);
        PromoCodeMapping.ApplySettings(code, input, await VariantTargetingGroupIdAsync(input.VariantTargetingGroup, ct));
        code.UpdatedAt = clock.GetUtcNow();
        var after = await AuditDetailsAsync(code, ct, before.LocationKey); // an update never moves a code to another location
        audit.Record(AuditEntities.PromoCode, code.Id, code.Code, AuditActions.Update, after.LocationKey, PromoCodeAudit.Changes(before, after));
        await db.SaveOrDuplicateAsync("code", $"Promo code {code.Code} already exists at this location.", ct);
        return code;
    }

    public async Task SetArchivedAsync(int id, bool archived, int? actingLocationId, CancellationToken ct = default)
    {
        var code = await LoadOwnedAsync(id, actingLocationId, ct);
        // A code of an archived batch stays archived with its batch (docs/rules.md#batches): unarchiving the code alone
        // would change nothing anyone sees.
        if (!archived && code.BatchId is int batchId
            && await db.Batches.Where(b => b.Id == batchId && b.Archived).Select(b => b.Name).FirstOrDefaultAsync(ct) is { } batchName)
            throw new DomainValidationException("archived", $"This code's batch {batchName} is archived: unarchive the batch to bring its codes back.");
        var was = code.IsArchived;
        code.IsArchived = archived;
        code.ArchivedAt = archived ? clock.GetUtcNow() : null;
        code.UpdatedAt = clock.GetUtcNow();
        audit.Record(AuditEntities.PromoCode, code.Id, code.Code, archived ? AuditActions.Archive : AuditActions.Unarchive, await LocationKeyAsync(code.LocationId, ct),
            was == archived ? null : [new AuditChange("archived", AuditLog.Text(was), AuditLog.Text(archived))]);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Clones the code with identical settings to each location (independent copies), all or none.</summary>
    public async Task<List<PromoCode>> CopyToLocationsAsync(int id, IReadOnlyCollection<string> locationKeys, int? actingLocationId, CancellationToken ct = default)
    {
        var source = await LoadOwnedAsync(id, actingLocationId, ct);
        if (locationKeys.Count == 0) throw new DomainValidationException("locationKeys", "Pick at least one location to copy to.");
        // A location the actor does not see is as unknown as one that does not exist, with the same message.
        var targets = (await db.Locations.Where(l => locationKeys.Contains(l.Key)).ToListAsync(ct)).Where(l => actor.Sees(l.Id)).ToList();
        var missing = locationKeys.Except(targets.Select(t => t.Key)).ToList();
        if (missing.Count > 0) throw new DomainValidationException("locationKeys", $"Unknown location keys: {string.Join(", ", missing)}.");
        if (targets.Any(t => t.Id == source.LocationId)) throw new DomainValidationException("locationKeys", "The code already exists at its own location.");
        var now = clock.GetUtcNow();
        var sourceKey = await LocationKeyAsync(source.LocationId, ct);
        // A copy leaves the batch, so it takes the state its batch's switch gave the source (docs/rules.md#batches).
        var batchDisabled = source.BatchId is int sourceBatch && await db.Batches.AnyAsync(b => b.Id == sourceBatch && b.Disabled, ct);
        // The copies first, for their ids; then one entry per copy, in the same transaction (docs/rules.md#audit).
        return await audit.SaveNewAsync(async token =>
        {
            var copies = targets.Select(t => PromoCodeMapping.CopySettings(source, t.Id, source.Code, now)).ToList();
            foreach (var copy in copies) (copy.BatchId, copy.Enabled) = (null, copy.Enabled && !batchDisabled);
            db.ChangeTracker.Clear();
            foreach (var copy in copies)
            {
                await EnsureUniqueAsync(copy, token);
                db.PromoCodes.Add(copy);
            }
            await db.SaveOrDuplicateAsync("code", $"Promo code {source.Code} already exists at this location.", token);
            return copies;
        }, copies =>
        {
            foreach (var copy in copies)
                audit.Record(AuditEntities.PromoCode, copy.Id, copy.Code, AuditActions.Copy, targets.First(t => t.Id == copy.LocationId).Key,
                    [new AuditChange("copiedFrom", null, $"{source.Id} ({sourceKey})")]);
        }, ct);
    }

    /// <summary>N new unique random codes with exactly the source's rules; they join its batch and group.</summary>
    public async Task<List<PromoCode>> CloneAsync(int id, int count, int? actingLocationId, CancellationToken ct = default)
    {
        if (count is < 1 or > MaxCloneCount) throw new DomainValidationException("count", $"Enter a number of codes from 1 to {MaxCloneCount:N0}.");
        var source = await LoadOwnedAsync(id, actingLocationId, ct);
        await account.EnsureWithinServiceLimitsAsync(PromoCodeMapping.ToDetails(source, "", null, null, null), count, "count", prefix: "", ct: ct);
        var batch = source.BatchId is int b ? await db.Batches.AsNoTracking().FirstOrDefaultAsync(x => x.Id == b, ct) : null;
        var length = batch?.CodeLength ?? CodeGenerator.DefaultLength;
        var prefix = batch?.Prefix;
        var now = clock.GetUtcNow();
        var clones = new List<PromoCode>(count);
        var taken = new HashSet<string>();
        while (clones.Count < count)
        {
            var candidates = Enumerable.Range(0, count - clones.Count).Select(_ => CodeGenerator.Next(length, prefix)).Where(taken.Add).ToList();
            var normalized = candidates.Select(PromoCode.Normalize).ToList();
            var clashes = await db.PromoCodes.Where(c => normalized.Contains(c.NormalizedCode) && (c.LocationId == source.LocationId || c.AllLocations || source.AllLocations))
                .Select(c => c.NormalizedCode).ToListAsync(ct);
            foreach (var text in candidates.Where(t => !clashes.Contains(PromoCode.Normalize(t))))
            {
                var clone = PromoCodeMapping.CopySettings(source, source.LocationId, text, now);
                clone.BatchId = source.BatchId;
                clone.AssignedCustomerId = null;
                clones.Add(clone);
            }
        }
        db.ChangeTracker.Clear();
        db.PromoCodes.AddRange(clones);
        // One entry for the set, on the source code, with the count (docs/rules.md#audit).
        audit.Record(AuditEntities.PromoCode, source.Id, source.Code, AuditActions.Clone, await LocationKeyAsync(source.LocationId, ct), count: clones.Count);
        await db.SaveOrDuplicateAsync("count", "Another code took one of the new codes at the same moment; nothing was saved, try again.", ct);
        return clones;
    }

    /// <summary>The code's settings as its audit entry compares them (its location and variant targeting group by name).</summary>
    private async Task<PromoCodeDetails> AuditDetailsAsync(PromoCode code, CancellationToken ct, string? locationKey = null)
    {
        var vtg = code.VariantTargetingGroupId is int v ? await db.VariantTargetingGroups.Where(g => g.Id == v).Select(g => g.Name).FirstOrDefaultAsync(ct) : null;
        return PromoCodeMapping.ToDetails(code, locationKey ?? await LocationKeyAsync(code.LocationId, ct), null, vtg, null);
    }

    private Task<string> LocationKeyAsync(int locationId, CancellationToken ct) =>
        db.Locations.Where(l => l.Id == locationId).Select(l => l.Key).FirstAsync(ct);

    private async Task<PromoCodeInput> WithGroupDefaultsAsync(PromoCodeInput input, CancellationToken ct)
    {
        if (input.ApplyGroupDefaults != true || input.GroupId is not int groupId) return input;
        var group = await db.PromoCodeGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct);
        return group is null ? input : input.WithDefaults(PromoCodeGroupService.ReadDefaults(group));
    }

    /// <summary>Every field's errors, by JSON name, not yet thrown: a write adds its own checks so that one answer names them all.</summary>
    private async Task<Dictionary<string, string[]>> ValidationErrorsAsync(PromoCodeInput input, bool requireCode, CancellationToken ct)
    {
        var context = new ValidationContext<PromoCodeInput>(input);
        if (requireCode) context.RootContextData[PromoCodeInputValidator.RequireCodeKey] = true;
        var result = await validator.ValidateAsync(context, ct);
        return result.IsValid ? [] : DomainValidationException.From(result).Errors.ToDictionary();
    }

    /// <summary>Loads a code for a write; another location's code (visible because it is all-locations) is read-only there.</summary>
    private async Task<PromoCode> LoadOwnedAsync(int id, int? actingLocationId, CancellationToken ct)
    {
        var code = await db.PromoCodes.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException($"Promo code {id} not found.");
        if (!actor.Sees(code.LocationId) && !code.AllLocations) throw new NotFoundException($"Promo code {id} not found.");
        if (actingLocationId is int acting && acting != code.LocationId)
        {
            var origin = await db.Locations.Where(l => l.Id == code.LocationId).Select(l => l.Name).FirstAsync(ct);
            throw new ForbiddenActionException($"This promo code was created at {origin}. You can view but not edit it.");
        }
        return code;
    }

    /// <summary>
    /// Codes are unique per location in their normalised form; an all-locations code may clash with no code anywhere.
    /// Why <paramref name="text"/> cannot be a code at each of <paramref name="locationIds"/> (the code <paramref name="exceptId"/>
    /// aside), or null. The unique index backs the per-location rule when two writes race.
    /// </summary>
    private async Task<string?> ClashAsync(string text, IReadOnlyList<int> locationIds, bool allLocations, int exceptId, CancellationToken ct)
    {
        var normalized = PromoCode.Normalize(text);
        for (var i = 0; i < locationIds.Count; i++)
        {
            var locationId = locationIds[i];
            var clash = await db.PromoCodes.AsNoTracking()
                .Where(c => c.NormalizedCode == normalized && c.Id != exceptId && (c.LocationId == locationId || c.AllLocations || allLocations))
                .Select(c => new { c.Code, Location = c.Location.Name, c.LocationId, c.AllLocations })
                .FirstOrDefaultAsync(ct);
            if (clash is not null)
                return clash.LocationId == locationId ? $"Promo code {clash.Code} already exists at this location."
                    : clash.AllLocations ? $"Promo code {clash.Code} already exists at {clash.Location} for all locations."
                    : $"An all-locations code cannot reuse {clash.Code}: it already exists at {clash.Location}.";
            // An all-locations text written at two locations by one request clashes with itself.
            if (allLocations && i > 0) return $"Promo code {text.Trim()} is given twice.";
        }
        return null;
    }

    /// <summary>A copy's text checked at its location before it is added (<see cref="ClashAsync"/>), and against the copies added before it.</summary>
    private async Task EnsureUniqueAsync(PromoCode code, CancellationToken ct)
    {
        var message = await ClashAsync(code.Code, [code.LocationId], code.AllLocations, code.Id, ct);
        var pending = db.ChangeTracker.Entries<PromoCode>().Any(e => e.State == EntityState.Added && e.Entity != code
            && e.Entity.NormalizedCode == code.NormalizedCode && (e.Entity.LocationId == code.LocationId || e.Entity.AllLocations || code.AllLocations));
        message ??= pending ? $"Promo code {code.Code} is given twice." : null;
        if (message is not null) throw new DomainValidationException("code", message);
    }

    private async Task<int?> VariantTargetingGroupIdAsync(string? name, CancellationToken ct) =>
        string.IsNullOrEmpty(name) ? null : await db.VariantTargetingGroups.Where(g => g.Name == name).Select(g => (int?)g.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// A variant targeting group targets an empty Applicable to: the code names the group's key, which checkout resolves
    /// live, so an item added to the group later qualifies (docs/rules.md#catalog-groups).
    /// </summary>
    private Task<PromoCodeInput> FillFromVariantTargetingGroupAsync(PromoCodeInput input, CancellationToken ct) =>
        TargetVariantGroupAsync(db, input, ct);

    /// <inheritdoc cref="FillFromVariantTargetingGroupAsync"/>
    internal static async Task<PromoCodeInput> TargetVariantGroupAsync(PromoAdminDbContext db, PromoCodeInput input, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(input.VariantTargetingGroup) || input.ApplicableTo is { Count: > 0 } || input.ApplicableGroups is { Count: > 0 }) return input;
        var key = await db.VariantTargetingGroups.AsNoTracking().Where(g => g.Name == input.VariantTargetingGroup).Select(g => g.Key).FirstOrDefaultAsync(ct);
        return key is null ? input : input with { ApplicableGroups = [key] };
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
