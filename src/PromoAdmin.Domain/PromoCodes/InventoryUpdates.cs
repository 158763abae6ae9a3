using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.PromoCodes;

/// <summary>
/// Every statement that changes codes' counters: each one UPDATE of <see cref="PromoCodeInventory"/> alone (ADR-003), the
/// codes chosen by an id query on PromoCodes. Callers own the transaction.
/// </summary>
internal static class InventoryUpdates
{
    /// <summary>
    /// Redeem: takes one usage if the code is enabled, not archived (nor its batch disabled or archived) and not used up;
    /// 0 rows means it could not.
    /// </summary>
    public static Task<int> TakeOneAsync(PromoAdminDbContext db, int codeId, CancellationToken ct)
    {
        var live = db.PromoCodes.Where(c => c.Id == codeId && !c.IsArchived && c.Enabled
                                            && (c.BatchId == null || (!c.Batch!.Disabled && !c.Batch.Archived))).Select(c => c.Id);
        return db.PromoCodeInventory
            .Where(i => live.Contains(i.PromoCodeId) && (i.Quantity == null || i.Quantity > 0))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Quantity, i => i.Quantity == null ? null : i.Quantity - 1)
                .SetProperty(i => i.TimesUsed, i => i.TimesUsed + 1), ct);
    }

    /// <summary>Void: gives one usage back (never past int.MaxValue).</summary>
    public static Task<int> GiveBackOneAsync(PromoAdminDbContext db, int codeId, CancellationToken ct) =>
        db.PromoCodeInventory.Where(i => i.PromoCodeId == codeId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Quantity, i => i.Quantity == null ? null : i.Quantity >= int.MaxValue ? int.MaxValue : i.Quantity + 1)
            .SetProperty(i => i.TimesUsed, i => i.TimesUsed > 0 ? i.TimesUsed - 1 : 0), ct);

    /// <summary>Bulk update and Modify Inventory "set": the remaining usages of every chosen code (null is Unlimited).</summary>
    public static Task<int> SetAsync(PromoAdminDbContext db, IQueryable<int> codeIds, int? quantity, CancellationToken ct) =>
        db.PromoCodeInventory.Where(i => codeIds.Contains(i.PromoCodeId)).ExecuteUpdateAsync(s => s.SetProperty(i => i.Quantity, quantity), ct);

    /// <summary>Modify Inventory "increment": adds to every chosen limited code (never past int.MaxValue); unlimited codes stay so.</summary>
    public static Task<int> IncrementAsync(PromoAdminDbContext db, IQueryable<int> codeIds, int amount, CancellationToken ct)
    {
        var ceiling = int.MaxValue - amount;
        return db.PromoCodeInventory.Where(i => codeIds.Contains(i.PromoCodeId) && i.Quantity != null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Quantity, i => i.Quantity > ceiling ? int.MaxValue : i.Quantity + amount), ct);
    }
}
