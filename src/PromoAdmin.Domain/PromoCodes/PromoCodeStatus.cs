using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.PromoCodes;

/// <summary>Where a code stands today (docs/rules.md#code-status); the API writes it <c>scheduled</c>, <c>usedUp</c>, ...</summary>
public enum CodeStatus { Scheduled, Active, Expired, UsedUp, Disabled, Archived }

/// <summary>
/// The one home of a code's status: <see cref="Of(Facts, DateOnly)"/> for a code in hand (the list's column, the API's
/// <c>status</c>, the CSV) and <see cref="WhereStatus"/> for the same rule in the database (the list's filter).
/// </summary>
public static class PromoCodeStatus
{
    /// <summary>What the status depends on, besides the day. <paramref name="Remaining"/> null is unlimited.</summary>
    public readonly record struct Facts(bool Archived, bool Enabled, int? Remaining, DateOnly? PurchaseStart, DateOnly? PurchaseEnd);

    public static readonly IReadOnlyList<CodeStatus> All = Enum.GetValues<CodeStatus>();

    /// <summary>
    /// The first that holds, in this order: archived, disabled (not enabled), used up (limited, none remaining), expired (the
    /// purchase end date is before <paramref name="today"/>), scheduled (the purchase start date is after it), else active.
    /// <paramref name="today"/> is the date in the zone of the code's own location (<see cref="Today"/>).
    /// </summary>
    public static CodeStatus Of(Facts code, DateOnly today) =>
        code.Archived ? CodeStatus.Archived
        : !code.Enabled ? CodeStatus.Disabled
        : code.Remaining <= 0 ? CodeStatus.UsedUp
        : code.PurchaseEnd < today ? CodeStatus.Expired
        : code.PurchaseStart > today ? CodeStatus.Scheduled
        : CodeStatus.Active;

    /// <summary>The status at <paramref name="now"/> of a code whose location is in <paramref name="timeZoneId"/>.</summary>
    public static CodeStatus Of(Facts code, DateTimeOffset now, string? timeZoneId) => Of(code, Today(now, timeZoneId));

    /// <summary>The status of a loaded code (its inventory is always loaded with it).</summary>
    public static CodeStatus Of(PromoCode code, DateTimeOffset now, string? timeZoneId) => Of(FactsOf(code), now, timeZoneId);

    /// <summary>A loaded code's facts: its own switches with its batch's, so a batch code needs its batch loaded with it.</summary>
    public static Facts FactsOf(PromoCode c)
    {
        if (c.BatchId is not null && c.Batch is null)
            throw new InvalidOperationException("A batch code's status needs its batch: load it with Include(c => c.Batch).");
        return FactsOf(c.IsArchived, c.Enabled, c.Batch is { Archived: true }, c.Batch is { Disabled: true }, c.Inventory.Quantity, c.PurchaseStart, c.PurchaseEnd);
    }

    /// <summary>The rule in memory: a code's own switches with its batch's (docs/rules.md#batches).</summary>
    public static Facts FactsOf(bool archived, bool enabled, bool batchArchived, bool batchDisabled, int? remaining, DateOnly? start, DateOnly? end) =>
        new(archived || batchArchived, enabled && !batchDisabled, remaining, start, end);

    /// <summary>
    /// Archived as a query reads it: the code's own switch, or its batch's (docs/rules.md#batches) by the batch's id, from
    /// <paramref name="batches"/> read once, so no row is joined to its batch. With none switched on it is the plain column
    /// test the list's indexes serve. The other three below are the same rule; checkout's look-up (CodeStates) and its redeem
    /// (InventoryUpdates) spell it in their own statements.
    /// </summary>
    public static Expression<Func<PromoCode, bool>> Archived(BatchSwitches batches)
    {
        var ids = batches.Archived;
        return ids.Count == 0 ? c => c.IsArchived : c => c.IsArchived || (c.BatchId != null && EF.Parameter(ids).Contains(c.BatchId.Value));
    }

    public static Expression<Func<PromoCode, bool>> NotArchived(BatchSwitches batches)
    {
        var ids = batches.Archived;
        // As an equality on a parameter, which the list's (LocationId, IsArchived, Id) index can seek; "NOT IsArchived" is not.
        var no = false;
        return ids.Count == 0 ? c => !c.IsArchived : c => c.IsArchived == no && (c.BatchId == null || !EF.Parameter(ids).Contains(c.BatchId.Value));
    }

    public static Expression<Func<PromoCode, bool>> Disabled(BatchSwitches batches)
    {
        var ids = batches.Disabled;
        return ids.Count == 0 ? c => !c.Enabled : c => !c.Enabled || (c.BatchId != null && EF.Parameter(ids).Contains(c.BatchId.Value));
    }

    public static Expression<Func<PromoCode, bool>> Enabled(BatchSwitches batches)
    {
        var ids = batches.Disabled;
        return ids.Count == 0 ? c => c.Enabled : c => c.Enabled && (c.BatchId == null || !EF.Parameter(ids).Contains(c.BatchId.Value));
    }

    /// <summary>The calendar date at <paramref name="now"/> in a location's zone; a zone the system does not know reads as UTC.</summary>
    public static DateOnly Today(DateTimeOffset now, string? timeZoneId)
    {
        var zone = timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    /// <summary>The API's name: <c>usedUp</c>.</summary>
    public static string Name(this CodeStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    /// <summary>The list's words.</summary>
    public static string Label(this CodeStatus status) => status switch
    {
        CodeStatus.Scheduled => "Scheduled",
        CodeStatus.Active => "Active",
        CodeStatus.Expired => "Expired",
        CodeStatus.UsedUp => "Used up",
        CodeStatus.Disabled => "Disabled",
        _ => "Archived",
    };

    /// <summary>One of the API's names, exactly (<c>usedUp</c>, not <c>UsedUp</c> or a number).</summary>
    public static bool TryParse(string? text, out CodeStatus status)
    {
        foreach (var s in All)
            if (s.Name() == text) { status = s; return true; }
        status = default;
        return false;
    }

    public static string ParseMessage => $"Status must be one of {string.Join(", ", All.Select(s => s.Name()))}.";

    /// <summary>
    /// The codes whose status is <paramref name="status"/>: <see cref="Of(Facts, DateOnly)"/> as a query, run by the database.
    /// "Today" is a date in each code's own location's zone, given by <paramref name="today"/> for every location whose
    /// codes the query may hold. At any instant the world's zones (UTC-12 to UTC+14) are on at most three dates, so the
    /// locations fall into at most three groups sharing a today, and the date test is one term per group
    /// (<c>LocationId IN (...) AND PurchaseEnd &lt; that day</c>, OR-ed): exact for every location's codes, still one query,
    /// and a single term without the IN when every location is on the same date (most of the day).
    /// </summary>
    public static IQueryable<PromoCode> WhereStatus(this IQueryable<PromoCode> query, CodeStatus status, LocationToday today, BatchSwitches batches)
    {
        switch (status)
        {
            case CodeStatus.Archived: return query.Where(Archived(batches));
            case CodeStatus.Disabled: return query.Where(NotArchived(batches)).Where(Disabled(batches));
            case CodeStatus.UsedUp: return query.Where(NotArchived(batches)).Where(Enabled(batches)).Where(c => c.Inventory.Quantity != null && c.Inventory.Quantity <= 0);
        }
        var live = query.Where(NotArchived(batches)).Where(Enabled(batches)).Where(c => c.Inventory.Quantity == null || c.Inventory.Quantity > 0);
        var days = today.ByLocation.GroupBy(p => p.Value, p => p.Key).ToList();
        Expression<Func<PromoCode, bool>>? dated = null;
        foreach (var day in days)
        {
            var date = day.Key;
            var ids = day.ToList();
            Expression<Func<PromoCode, bool>> onDay = status switch
            {
                CodeStatus.Expired => c => c.PurchaseEnd < date,
                CodeStatus.Scheduled => c => (c.PurchaseEnd == null || c.PurchaseEnd >= date) && c.PurchaseStart > date,
                _ => c => (c.PurchaseEnd == null || c.PurchaseEnd >= date) && (c.PurchaseStart == null || c.PurchaseStart <= date),
            };
            if (days.Count > 1) onDay = Predicates.And(c => ids.Contains(c.LocationId), onDay);
            dated = dated is null ? onDay : Predicates.Or(dated, onDay);
        }
        return dated is null ? query.Where(c => false) : live.Where(dated);
    }
}

/// <summary>
/// The date at one instant at each location, in its own zone: what a code's status compares its purchase dates with.
/// Locations are few, so every one is read.
/// </summary>
public sealed class LocationToday
{
    private readonly DateOnly utc;

    public LocationToday(DateTimeOffset now, IEnumerable<(int Id, string? TimeZone)> locations)
    {
        utc = DateOnly.FromDateTime(now.UtcDateTime);
        ByLocation = locations.ToDictionary(l => l.Id, l => PromoCodeStatus.Today(now, l.TimeZone));
    }

    public IReadOnlyDictionary<int, DateOnly> ByLocation { get; private init; }

    public static async Task<LocationToday> ReadAsync(PromoAdminDbContext db, DateTimeOffset now, CancellationToken ct = default) =>
        new(now, (await db.Locations.AsNoTracking().Select(l => new { l.Id, l.TimeZone }).ToListAsync(ct)).Select(l => (l.Id, (string?)l.TimeZone)));

    /// <summary>Only these locations' dates: a query that holds only their codes needs no others.</summary>
    public LocationToday Only(params int[] locationIds) => new(this, ByLocation.Where(p => locationIds.Contains(p.Key)).ToDictionary());

    /// <summary>Everyone's dates but these.</summary>
    public LocationToday Except(params int[] locationIds) => new(this, ByLocation.Where(p => !locationIds.Contains(p.Key)).ToDictionary());

    private LocationToday(LocationToday from, Dictionary<int, DateOnly> dates) => (utc, ByLocation) = (from.utc, dates);

    /// <summary>
    /// Today at the location. Static, taking the instance, so that a query's projection can call it on a captured
    /// variable. A location created after the dates were read reads as UTC.
    /// </summary>
    public static DateOnly At(LocationToday today, int locationId) => today.ByLocation.TryGetValue(locationId, out var date) ? date : today.utc;
}

/// <summary>
/// The batches the lists treat apart: <see cref="Hidden"/>, still generating or failed, whose codes are not shown, and those
/// whose batch-level switch is on (<see cref="Archived"/>, <see cref="Disabled"/>; docs/rules.md#batches). Usually none, read
/// once per list or export, so that queries test a code's batch by its id and never join each row to its batch. Each list
/// is one parameter in the SQL (json_each / OPENJSON), however many batches it holds; the list's indexes carry BatchId, so
/// the test is read from the index, not from each code's row.
/// </summary>
public sealed record BatchSwitches(List<int> Hidden, List<int> Archived, List<int> Disabled)
{
    /// <summary>The batches <paramref name="where"/> picks (by location: the codes a query can hold) that are apart.</summary>
    public static async Task<BatchSwitches> ReadAsync(PromoAdminDbContext db, Expression<Func<Batches.Batch, bool>> where, CancellationToken ct = default)
    {
        var rows = await db.Batches.AsNoTracking().Where(where).Where(b => b.Status != Batches.BatchStatus.Ready || b.Archived || b.Disabled)
            .Select(b => new { b.Id, Hidden = b.Status != Batches.BatchStatus.Ready, b.Archived, b.Disabled }).ToListAsync(ct);
        return new([.. rows.Where(r => r.Hidden).Select(r => r.Id)], [.. rows.Where(r => !r.Hidden && r.Archived).Select(r => r.Id)],
            [.. rows.Where(r => !r.Hidden && r.Disabled).Select(r => r.Id)]);
    }

    /// <summary>One batch's own switches (its export).</summary>
    public static BatchSwitches Of(int batchId, bool archived, bool disabled) => new([], archived ? [batchId] : [], disabled ? [batchId] : []);

    /// <summary>
    /// The code's facts with its batch's switches, for a row already read (the CSV: static, taking the instance, so that a
    /// projection calls it on the row's own columns).
    /// </summary>
    public static PromoCodeStatus.Facts Facts(BatchSwitches batches, int? batchId, bool archived, bool enabled, int? remaining, DateOnly? start, DateOnly? end) =>
        PromoCodeStatus.FactsOf(archived, enabled, batchId is int a && batches.Archived.Contains(a), batchId is int d && batches.Disabled.Contains(d), remaining, start, end);
}
