using PromoAdmin.Domain.Redemptions;

namespace PromoAdmin.Web.Features;

public sealed record RedemptionCustomerDto(string? Key, string? Name, string? Email, string? Phone);

/// <summary>A redemption as the API shows it (docs/api.md#redemptions). <c>RedeemedBy</c>: the API client's name, when known.</summary>
public sealed record RedemptionDto(
    long Id, int? PromoCodeId, string Code, string OrderNumber, RedemptionCustomerDto Customer, decimal Discount, decimal ShippingDiscount,
    decimal CreditFromOverage, string Status, DateTimeOffset RedeemedAt, DateTimeOffset? VoidedAt, string Channel, string? LocationKey = null,
    string? RedeemedBy = null)
{
    public static RedemptionDto From(Redemption r) => new(
        r.Id, r.PromoCodeId, r.CodeText, r.OrderNumber, new RedemptionCustomerDto(r.CustomerKey, r.CustomerName, r.CustomerEmail, r.CustomerPhone),
        r.Discount, r.ShippingDiscount, r.CreditFromOverage, r.Status == RedemptionStatus.Applied ? "applied" : "voided", r.RedeemedAt, r.VoidedAt, r.Channel);

    public static RedemptionDto From(RedemptionRow row) => From(row.Redemption) with { LocationKey = row.LocationKey, RedeemedBy = row.ApiClientName };
}
