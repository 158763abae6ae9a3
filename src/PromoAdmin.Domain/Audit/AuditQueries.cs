using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Audit;

/// <summary>
/// What the audit page, the API and the export filter on (docs/rules.md#audit). Exact values, except <see cref="Text"/>:
/// the entity's name (a code's text, a batch's name) contains it, ignoring case. <see cref="To"/> is exclusive.
/// </summary>
public sealed record AuditFilter(
    string? EntityType = null, string? EntityId = null, string? Actor = null, string? Action = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, string? Text = null);

/// <summary>
/// Reads the trail; nothing here or anywhere else updates or deletes an entry (docs/rules.md#audit). A user limited to
/// some locations reads the entries of those locations and those of no location (users, settings, reference data).
/// </summary>
public sealed class AuditQueries(PromoAdminDbContext db, Locations.LocationService locations, Users.Actor actor)
{
    /// <summary>The entries matching the filter that the actor may read, newest first (by id: the order they were written in, and the key's index).</summary>
    public async Task<IQueryable<AuditEntry>> QueryAsync(AuditFilter filter, CancellationToken ct = default)
    {
        var query = await VisibleAsync(ct);
        if (!string.IsNullOrWhiteSpace(filter.EntityType)) query = query.Where(e => e.EntityType == filter.EntityType.Trim());
        if (!string.IsNullOrWhiteSpace(filter.EntityId)) query = query.Where(e => e.EntityId == filter.EntityId.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(e => e.Actor == filter.Actor.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(e => e.Action == filter.Action.Trim());
        if (filter.From is { } from) query = query.Where(e => e.At >= from);
        if (filter.To is { } to) query = query.Where(e => e.At < to);
        if (!string.IsNullOrWhiteSpace(filter.Text)) query = query.WhereAnyContains(db, filter.Text, e => e.EntityName);
        return query.OrderByDescending(e => e.Id);
    }

    private async Task<IQueryable<AuditEntry>> VisibleAsync(CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (actor.SeesAll) return query;
        var keys = (await locations.AllAsync(ct)).Select(l => l.Key).ToList();
        return query.Where(e => e.LocationKey == null || keys.Contains(e.LocationKey));
    }

    public async Task<Page<AuditEntry>> ListAsync(AuditFilter filter, PageRequest page, CancellationToken ct = default) =>
        await (await QueryAsync(filter, ct)).ToPageAsync(page, ct);

    /// <summary>One entity's entries, newest first (a code's History tab).</summary>
    public Task<Page<AuditEntry>> ForEntityAsync(string entityType, object entityId, PageRequest page, CancellationToken ct = default) =>
        ListAsync(new AuditFilter(entityType, Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture)), page, ct);

    /// <summary>The export's rows for a filter, streamed from the database.</summary>
    public async Task<IAsyncEnumerable<AuditEntry>> ExportRowsAsync(AuditFilter filter, CancellationToken ct = default) =>
        (await QueryAsync(filter, ct)).AsAsyncEnumerable();

    /// <summary>Who has written entries the actor may read, for the page's actor filter (distinct, by name).</summary>
    public async Task<List<string>> ActorsAsync(int max, CancellationToken ct = default) =>
        await (await VisibleAsync(ct)).Select(e => e.Actor).Distinct().OrderBy(a => a).Take(max).ToListAsync(ct);
}
