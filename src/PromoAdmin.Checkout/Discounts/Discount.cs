namespace PromoAdmin.Checkout.Discounts;

/// <summary>The discount on one cart line, in money.</summary>
public sealed record LineDiscount(string LineId, decimal Amount);

/// <summary>
/// What a code takes off an order. <see cref="Lines"/> lists every line the code acts on, in cart order,
/// and sums exactly to <see cref="Total"/>, which never exceeds <see cref="QualifyingSubtotal"/>.
/// Shipping and credit are separate from the total.
/// </summary>
public sealed record Discount(
    decimal Total,
    IReadOnlyList<LineDiscount> Lines,
    decimal ShippingDiscount,
    bool FreeShipping,
    decimal CreditFromOverage,
    decimal QualifyingSubtotal)
{
    public static Discount None { get; } = new(0m, [], 0m, false, 0m, 0m);

    /// <summary>Everything the redemption gives away: the discount, the shipping discount and any credit. Budgets count this.</summary>
    public decimal Given => Total + ShippingDiscount + CreditFromOverage;
}
