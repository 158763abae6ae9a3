using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Redemptions;

public sealed record RedemptionFilter(int? PromoCodeId = null, string? Code = null, string? OrderNumber = null, string? CustomerKey = null);

/// <summary>
/// The read side of redemptions: a code's associated transactions and the account-wide list. A user limited to some
/// locations reads only the redemptions made there (an all-locations code is redeemed everywhere).
/// </summary>
public sealed class RedemptionQueries(PromoAdminDbContext db, Users.Actor actor)
{
    public Task<Page<Redemption>> ListAsync(RedemptionFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var query = db.Redemptions.AsNoTracking();
        if (actor.LocationIds is { } seen) query = query.Where(r => seen.Contains(r.LocationId));
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
        return query.OrderByDescending(r => r.Id).ToPageAsync(page, ct);
    }

    /// <summary>Redemptions still applied at a location since a moment (the dashboard's count).</summary>
    public Task<int> CountAppliedSinceAsync(int locationId, DateTimeOffset since, CancellationToken ct = default) =>
        db.Redemptions.CountAsync(r => r.LocationId == locationId && r.Status == RedemptionStatus.Applied && r.RedeemedAt >= since, ct);
}
