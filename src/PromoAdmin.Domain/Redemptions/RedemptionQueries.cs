using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Locations;

namespace PromoAdmin.Domain.Redemptions;

/// <summary>
/// What to list. <see cref="From"/> and <see cref="To"/> are calendar days, both included, each redemption read on its own
/// location's calendar (docs/rules.md#redemptions).
/// </summary>
public sealed record RedemptionFilter(int? PromoCodeId = null, string? Code = null, string? OrderNumber = null, string? CustomerKey = null)
{
    public int? LocationId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
}

/// <summary>The filters as the Redemptions page and the API receive them: text, checked by <see cref="RedemptionQueries.ResolveAsync"/>.</summary>
public sealed record RedemptionSearch(
    string? Code = null, string? OrderNumber = null, string? CustomerKey = null, string? LocationKey = null, string? From = null, string? To = null)
{
    public bool Any => new[] { Code, OrderNumber, CustomerKey, LocationKey, From, To }.Any(v => !string.IsNullOrWhiteSpace(v));
}

/// <summary>A redemption with what its row shows besides its own columns: who redeemed it and where.</summary>
public sealed record RedemptionRow(Redemption Redemption, string? ApiClientName, string? LocationKey, string? LocationName);

/// <summary>
/// The read side of redemptions: a code's associated transactions and the account-wide list (the Redemptions page, its
/// CSV and the API). A user limited to some locations reads only the redemptions made there (an all-locations code is
/// redeemed everywhere).
/// </summary>
public sealed class RedemptionQueries(PromoAdminDbContext db, Users.Actor actor)
{
    /// <summary>The filters' text as a filter; a bad value is a <see cref="DomainValidationException"/> naming its field.</summary>
    public async Task<RedemptionFilter> ResolveAsync(RedemptionSearch search, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Date(search.From, "from");
        var to = Date(search.To, "to");
        if (from is { } f && to is { } t && f > t) errors["to"] = ["to must be on or after from."];
        int? locationId = null;
        if (!string.IsNullOrWhiteSpace(search.LocationKey))
        {
            var key = search.LocationKey.Trim();
            var id = await db.Locations.AsNoTracking().Where(l => l.Key == key).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
            // A location the user may not see reads as one that does not exist (docs/rules.md#users).
            if (id is null || !actor.Sees(id.Value)) errors["locationKey"] = [LocationService.UnknownMessage(key)];
            locationId = id;
        }
        if (errors.Count > 0) throw new DomainValidationException(errors);
        return new RedemptionFilter(null, search.Code, search.OrderNumber, search.CustomerKey) { LocationId = locationId, From = from, To = to };

        DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors[field] = [$"{field} must be a date written yyyy-MM-dd."];
            return null;
        }
    }

    public async Task<Page<Redemption>> ListAsync(RedemptionFilter filter, PageRequest page, CancellationToken ct = default) =>
        await (await QueryAsync(filter, ct)).OrderByDescending(r => r.Id).ToPageAsync(page, ct);

    /// <summary>The Redemptions page and the API: newest first, with the redeeming client's name and the location.</summary>
    public async Task<Page<RedemptionRow>> SearchAsync(RedemptionFilter filter, PageRequest page, CancellationToken ct = default) =>
        await Rows(await QueryAsync(filter, ct)).ToPageAsync(page, ct);

    /// <summary>Every match, streamed for the CSV (memory stays flat).</summary>
    public async Task<IAsyncEnumerable<RedemptionRow>> ExportRowsAsync(RedemptionFilter filter, CancellationToken ct = default) =>
        Rows(await QueryAsync(filter, ct)).AsAsyncEnumerable();

    /// <summary>One redemption the actor may see (another location's is not found).</summary>
    public async Task<RedemptionRow?> FindAsync(long id, CancellationToken ct = default) =>
        await Rows(Scoped().Where(r => r.Id == id)).FirstOrDefaultAsync(ct);

    /// <summary>Redemptions still applied at a location since a moment (the dashboard's count).</summary>
    public Task<int> CountAppliedSinceAsync(int locationId, DateTimeOffset since, CancellationToken ct = default) =>
        db.Redemptions.CountAsync(r => r.LocationId == locationId && r.Status == RedemptionStatus.Applied && r.RedeemedAt >= since, ct);

    private IQueryable<Redemption> Scoped()
    {
        var query = db.Redemptions.AsNoTracking();
        if (actor.LocationIds is { } seen) query = query.Where(r => seen.Contains(r.LocationId));
        return query;
    }

    private IQueryable<RedemptionRow> Rows(IQueryable<Redemption> query) =>
        query.OrderByDescending(r => r.Id).Select(r => new RedemptionRow(r,
            db.ApiClients.Where(c => c.Id == r.ApiClientId).Select(c => c.Name).FirstOrDefault(),
            db.Locations.Where(l => l.Id == r.LocationId).Select(l => l.Key).FirstOrDefault(),
            db.Locations.Where(l => l.Id == r.LocationId).Select(l => l.Name).FirstOrDefault()));

    private async Task<IQueryable<Redemption>> QueryAsync(RedemptionFilter filter, CancellationToken ct)
    {
        var query = Scoped();
        if (filter.PromoCodeId is int id) query = query.Where(r => r.PromoCodeId == id);
        if (!string.IsNullOrWhiteSpace(filter.Code))
        {
            var code = filter.Code.Trim();
            // SQL Server's case-insensitive collation compares on its own, so the CodeText index is used; SQLite compares
            // bytes, and there the upper-casing is what makes it ignore case.
            query = db.IsSqlite
                ? query.Where(r => r.CodeText.ToUpper() == code.ToUpper())
                : query.Where(r => r.CodeText == code);
        }
        if (!string.IsNullOrWhiteSpace(filter.OrderNumber)) query = query.Where(r => r.OrderNumber == filter.OrderNumber.Trim());
        if (!string.IsNullOrWhiteSpace(filter.CustomerKey)) query = query.Where(r => r.CustomerKey == filter.CustomerKey.Trim());
        if (filter.LocationId is int locationId) query = query.Where(r => r.LocationId == locationId);
        // Days on each redemption's own location's calendar ("7 December" is 7 December where the order was placed), as kept
        // with it when it was made.
        if (filter.From is DateOnly from) query = query.Where(r => r.Day >= from);
        if (filter.To is DateOnly to) query = query.Where(r => r.Day <= to);
        return query;
    }
}
