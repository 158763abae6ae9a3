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

/// <summary>Reads the trail; nothing here or anywhere else updates or deletes an entry (docs/rules.md#audit).</summary>
public sealed class AuditQueries(PromoAdminDbContext db)
{
    /// <summary>The entries matching the filter, newest first (by id: the order they were written in, and the key's index).</summary>
    public IQueryable<AuditEntry> Query(AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.EntityType)) query = query.Where(e => e.EntityType == filter.EntityType.Trim());
        if (!string.IsNullOrWhiteSpace(filter.EntityId)) query = query.Where(e => e.EntityId == filter.EntityId.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(e => e.Actor == filter.Actor.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(e => e.Action == filter.Action.Trim());
        if (filter.From is { } from) query = query.Where(e => e.At >= from);
        if (filter.To is { } to) query = query.Where(e => e.At < to);
        if (!string.IsNullOrWhiteSpace(filter.Text)) query = query.WhereAnyContains(db, filter.Text, e => e.EntityName);
        return query.OrderByDescending(e => e.Id);
    }

    public Task<Page<AuditEntry>> ListAsync(AuditFilter filter, PageRequest page, CancellationToken ct = default) =>
        Query(filter).ToPageAsync(page, ct);

    /// <summary>One entity's entries, newest first (a code's History tab).</summary>
    public Task<Page<AuditEntry>> ForEntityAsync(string entityType, object entityId, PageRequest page, CancellationToken ct = default) =>
        ListAsync(new AuditFilter(entityType, Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture)), page, ct);

    /// <summary>The export's rows for a filter, streamed from the database.</summary>
    public IAsyncEnumerable<AuditEntry> ExportRows(AuditFilter filter) => Query(filter).AsAsyncEnumerable();

    /// <summary>Who has written entries, for the page's actor filter (distinct, by name).</summary>
    public Task<List<string>> ActorsAsync(int max, CancellationToken ct = default) =>
        db.AuditEntries.AsNoTracking().Select(e => e.Actor).Distinct().OrderBy(a => a).Take(max).ToListAsync(ct);
}
