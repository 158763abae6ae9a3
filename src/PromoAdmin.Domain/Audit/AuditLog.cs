using System.Text.Json;
using System.Text.Json.Nodes;
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
            Actor = actor.Name,
            ActorType = Actor.TypeName(actor.Type),
            LocationKey = locationKey,
            EntityType = entityType,
            EntityId = entityId is null ? null : Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture),
            EntityName = entityName is { Length: > 256 } ? entityName[..256] : entityName,
            Action = action,
            Changes = changes is { Count: > 0 } ? JsonSerializer.Serialize(changes, Json) : null,
            Count = count,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

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
