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

    /// <summary>The catalog groups the item belongs to now (resolved by the caller at checkout); the kind's group is implied.</summary>
    public IReadOnlyCollection<string> Groups { get; init; } = [];

    /// <summary>The line's groups including its kind's built-in group.</summary>
    public bool IsIn(IReadOnlyCollection<string> groupKeys)
    {
        if (groupKeys.Count == 0) return false;
        if (groupKeys.Contains(CatalogGroups.OfKind(Kind))) return true;
        foreach (var group in Groups)
            if (groupKeys.Contains(group)) return true;
        return false;
    }
}

/// <summary>
/// The built-in catalog groups, one per kind of item: every event, every item, every gift card type, now and later.
/// Other group keys are the account's own (variant targeting groups).
/// </summary>
public static class CatalogGroups
{
    public const string AllEvents = "all-events";
    public const string AllItems = "all-items";
    public const string AllGiftCards = "all-gift-cards";

    public static IReadOnlyList<string> BuiltIn { get; } = [AllEvents, AllItems, AllGiftCards];

    public static string OfKind(ItemKind kind) => kind switch
    {
        ItemKind.Event => AllEvents,
        ItemKind.GiftCard => AllGiftCards,
        _ => AllItems,
    };
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
