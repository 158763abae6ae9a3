namespace PromoAdmin.Checkout.Carts;

public enum ItemKind { Event, Item, GiftCard }

/// <summary>Where the code is being applied: the booking site or a staff tool.</summary>
public enum SalesChannel { Online, Internal }

/// <summary>One line of the order. Lines with a quantity below 1 or a negative price never qualify.</summary>
public sealed record CartLine(
    string LineId,
    string ItemKey,
    ItemKind Kind,
    decimal UnitPrice,
    int Quantity,
    DateOnly? BookingDate = null,
    TimeOnly? BookingStartTime = null)
{
    public decimal Subtotal => UnitPrice * Quantity;
}

/// <summary>A promo code already on the order.</summary>
public sealed record AppliedCode(string Code, bool Combinable);

public sealed record Cart
{
    public IReadOnlyList<CartLine> Lines { get; init; } = [];
    /// <summary>The delivery fee, if any.</summary>
    public decimal? ShippingFee { get; init; }
    public IReadOnlyList<AppliedCode> AppliedCodes { get; init; } = [];
    public SalesChannel Channel { get; init; } = SalesChannel.Online;

    /// <summary>What the order minimum is compared with: every line, before discounts and shipping.</summary>
    public decimal Subtotal => Lines.Sum(l => l.Subtotal);
}
