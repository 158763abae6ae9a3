using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PromoAdmin.Domain.Audit;

/// <summary>
/// One change, who made it and what it changed (docs/rules.md#audit). Written in the change's own transaction;
/// append-only: nothing in the code updates or deletes an entry.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The user's email, <c>api:&lt;client name&gt;</c> or <c>system</c>.</summary>
    public required string Actor { get; set; }
    /// <summary><c>user</c>, <c>apiClient</c> or <c>system</c>.</summary>
    public required string ActorType { get; set; }
    public string? LocationKey { get; set; }
    /// <summary>One of <see cref="AuditEntities"/>.</summary>
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    /// <summary>What a person calls the entity: the code's text, the batch's name, the user's email.</summary>
    public string? EntityName { get; set; }
    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }
    /// <summary>The changed fields as JSON: <c>[{"field","from","to"}]</c>.</summary>
    public string? Changes { get; set; }
    /// <summary>How many rows a set-based operation touched (bulk update, generation, inventory).</summary>
    public int? Count { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.Actor).HasMaxLength(256);
        b.Property(x => x.ActorType).HasMaxLength(16);
        b.Property(x => x.LocationKey).HasMaxLength(64);
        b.Property(x => x.EntityType).HasMaxLength(32);
        b.Property(x => x.EntityId).HasMaxLength(64);
        b.Property(x => x.EntityName).HasMaxLength(256);
        b.Property(x => x.Action).HasMaxLength(32);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.EntityType, x.EntityId, x.Id });
        b.HasIndex(x => new { x.Actor, x.Id });
    }
}

/// <summary>The entity types of the trail, as the API names them.</summary>
public static class AuditEntities
{
    public const string PromoCode = "promoCode";
    public const string Group = "group";
    public const string Batch = "batch";
    public const string Redemption = "redemption";
    public const string User = "user";
    public const string ApiClient = "apiClient";
    public const string Settings = "settings";
    public const string CatalogItem = "catalogItem";
    public const string VariantTargetingGroup = "variantTargetingGroup";
    public const string Customer = "customer";
    public const string Segment = "segment";
    public const string Campaign = "campaign";
    public const string Lookup = "lookup";
    public const string Location = "location";
}

/// <summary>The actions of the trail, as the API names them.</summary>
public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Archive = "archive";
    public const string Unarchive = "unarchive";
    public const string Copy = "copy";
    public const string Clone = "clone";
    public const string BulkUpdate = "bulkUpdate";
    public const string Generate = "generate";
    public const string Inventory = "inventory";
    /// <summary>A batch's codes disabled or enabled at once.</summary>
    public const string Disable = "disable";
    public const string Enable = "enable";
    /// <summary>A batch's settings changed on every one of its codes.</summary>
    public const string Settings = "settings";
    public const string Delete = "delete";
    public const string Void = "void";
    public const string SignIn = "signIn";
    public const string SignInFailed = "signInFailed";
    public const string LockedOut = "lockedOut";
    public const string Revoke = "revoke";
    public const string Deactivate = "deactivate";
    public const string Activate = "activate";
    public const string Unlock = "unlock";
    public const string ResetPassword = "resetPassword";
    public const string ChangePassword = "changePassword";
}
