using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Domain.Audit;

/// <summary>What a promo code's entry shows as changed: its settings as the API shows them (docs/rules.md#audit).</summary>
public static class PromoCodeAudit
{
    /// <summary>Fields of <see cref="PromoCodeDetails"/> that are not settings: ids, where it lives, usage, status, timestamps.</summary>
    private static readonly string[] NotSettings =
    [
        "id", "locationKey", "locationName", "timesUsed", "archived", "batchId", "assignedCustomerKey", "status", "createdAt", "updatedAt",
        "applyGroupDefaults", "duplicateTo", "hasBookingRules",
    ];

    /// <summary>The settings that differ; <paramref name="before"/> null for a new code (every setting it has).</summary>
    public static List<AuditChange> Changes(PromoCodeDetails? before, PromoCodeDetails after) => AuditLog.Diff(before, after, NotSettings);
}
