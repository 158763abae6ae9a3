using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Users;

namespace PromoAdmin.Domain.Audit;

/// <summary>A changed field: its JSON name and its value before and after, as text (null when empty).</summary>
public sealed record AuditChange(string Field, string? From, string? To);

/// <summary>
/// Writes the trail. <see cref="Record"/> adds the entry to the DbContext: the caller's next <c>SaveChangesAsync</c>, inside
/// the change's transaction, commits the change and its entry together, or neither (docs/decisions/ADR-005).
/// </summary>
public sealed class AuditLog(PromoAdminDbContext db, Actor actor, TimeProvider clock)
{
    public AuditEntry Record(string entityType, object? entityId, string? entityName, string action, string? locationKey = null,
        IReadOnlyList<AuditChange>? changes = null, int? count = null)
    {
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = Fit(actor.Name),
            ActorType = Actor.TypeName(actor.Type),
            LocationKey = locationKey,
            EntityType = entityType,
            EntityId = entityId is null ? null : Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture),
            EntityName = entityName is null ? null : Fit(entityName),
            Action = action,
            Changes = changes is { Count: > 0 } ? JsonSerializer.Serialize(changes, Json) : null,
            Count = count,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// Saves new rows and then their entries, which need the rows' ids, in one transaction: both commit or neither.
    /// <paramref name="change"/> adds its rows and saves; <paramref name="record"/> records the entries from the saved rows.
    /// The change runs again from a clean slate when SQL Server retries a transient failure.
    /// </summary>
    public Task<T> SaveNewAsync<T>(Func<CancellationToken, Task<T>> change, Action<T> record, CancellationToken ct) =>
        db.InTransactionAsync(async (tx, token) =>
        {
            var result = await change(token);
            record(result);
            await db.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            return result;
        }, ct);

    /// <summary>
    /// The properties of a tracked entity that changed since it was loaded, named as the API names them, with their values
    /// before and after. For entities whose stored shape is what the API shows (catalog, customers, lookups, locations).
    /// </summary>
    public List<AuditChange> TrackedChanges(object entity, params string[] ignore)
    {
        db.ChangeTracker.DetectChanges();
        var changes = new List<AuditChange>();
        foreach (var p in db.Entry(entity).Properties)
        {
            if (!p.IsModified || p.Metadata.IsKey() || p.Metadata.IsShadowProperty()) continue;
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name);
            // A value stored as JSON is named as the API names it: "defaultsJson" is a group's "defaults".
            if (name.EndsWith("Json", StringComparison.Ordinal)) name = name[..^4];
            if (ignore.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
            var from = Text(JsonSerializer.SerializeToNode(p.OriginalValue, Json));
            var to = Text(JsonSerializer.SerializeToNode(p.CurrentValue, Json));
            if (from != to) changes.Add(new AuditChange(name, from, to));
        }
        return changes;
    }

    /// <summary>A name as the trail's 256-character columns hold it (an email may be longer than any column).</summary>
    private static string Fit(string text) => text.Length > 256 ? text[..256] : text;

    /// <summary>
    /// The fields whose JSON differs between <paramref name="before"/> and <paramref name="after"/> (both serialized the way
    /// the API shows them), in the order of <paramref name="after"/>'s properties. <paramref name="ignore"/> names fields
    /// that change on every save (timestamps) or are not settings.
    /// </summary>
    public static List<AuditChange> Diff<T>(T? before, T? after, params string[] ignore)
    {
        var from = before is null ? new JsonObject() : JsonSerializer.SerializeToNode(before, Json) as JsonObject ?? [];
        var to = after is null ? new JsonObject() : JsonSerializer.SerializeToNode(after, Json) as JsonObject ?? [];
        var changes = new List<AuditChange>();
        foreach (var name in to.Select(p => p.Key).Concat(from.Select(p => p.Key)).Distinct())
        {
            if (ignore.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
            var a = Text(from[name]);
            var b = Text(to[name]);
            if (a != b) changes.Add(new AuditChange(name, a, b));
        }
        return changes;
    }

    /// <summary>
    /// The named fields of <paramref name="values"/> as set by a set-based change (bulk update, a batch's settings): each from
    /// nothing to its value, since the rows each had their own before.
    /// </summary>
    public static List<AuditChange> Values<T>(T values, IEnumerable<string> fields)
    {
        var to = JsonSerializer.SerializeToNode(values, Json) as JsonObject ?? [];
        return fields.Select(f => new AuditChange(f, null, Text(to[f]))).ToList();
    }

    /// <summary>An entry's changes read back from their JSON.</summary>
    public static IReadOnlyList<AuditChange> ChangesOf(AuditEntry entry) =>
        string.IsNullOrEmpty(entry.Changes) ? [] : JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes, Json) ?? [];

    /// <summary>A value as the trail shows it: strings bare, lists and objects as compact JSON, empty as null.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 ? null : s,
        JsonArray { Count: 0 } => null,
        _ => node.ToJsonString(Json),
    };

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
