using PromoAdmin.Domain.Redemptions;

namespace PromoAdmin.Web.Features;

public sealed record RedemptionCustomerDto(string? Key, string? Name, string? Email, string? Phone);

public sealed record RedemptionDto(
    long Id, int? PromoCodeId, string Code, string OrderNumber, RedemptionCustomerDto Customer, decimal Discount, decimal ShippingDiscount,
    decimal CreditFromOverage, string Status, DateTimeOffset RedeemedAt, DateTimeOffset? VoidedAt)
{
    public static RedemptionDto From(Redemption r) => new(
        r.Id, r.PromoCodeId, r.CodeText, r.OrderNumber, new RedemptionCustomerDto(r.CustomerKey, r.CustomerName, r.CustomerEmail, r.CustomerPhone),
        r.Discount, r.ShippingDiscount, r.CreditFromOverage, r.Status == RedemptionStatus.Applied ? "applied" : "voided", r.RedeemedAt, r.VoidedAt);
}
