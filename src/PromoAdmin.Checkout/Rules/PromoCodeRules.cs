namespace PromoAdmin.Checkout.Rules;

/// <summary>The "Redemption type" field: percent off or money off.</summary>
public enum RedemptionType { Percentage, Value }

/// <summary>The "Value type" field: how often the amount applies (named apart from <see cref="System.ValueType"/>).</summary>
public enum ValueScope { PerTransaction, PerLineItem, PerQuantity }

/// <summary>How often "uses per customer" starts again, on the location's calendar (weeks start on Monday).</summary>
public enum UsagePeriod { Ever, Day, Week, Month }

/// <summary>What is left of a campaign's budget when the code is checked; null parts are not limited.</summary>
public sealed record BudgetLeft(int? Redemptions, decimal? Discount);

/// <summary>
/// A snapshot of one promo code's settings (docs/rules.md#settings), as the checkout evaluation reads them.
/// Dates and times are in the owning location's zone, <see cref="TimeZoneId"/>.
/// </summary>
public sealed record PromoCodeRules
{
    /// <summary>The code as the admin typed it.</summary>
    public required string Code { get; init; }
    /// <summary>Customer-facing message shown at checkout.</summary>
    public string? Display { get; init; }
    /// <summary>IANA id of the owning location's zone, e.g. <c>America/New_York</c>.</summary>
    public required string TimeZoneId { get; init; }

    public bool Enabled { get; init; } = true;
    public bool Archived { get; init; }
    public bool InternalOnly { get; init; }
    /// <summary>Remaining usages; null is Unlimited.</summary>
    public int? QuantityRemaining { get; init; }

    public RedemptionType RedemptionType { get; init; }
    public ValueScope ValueType { get; init; } = ValueScope.PerLineItem;
    /// <summary>Percent 0-100 for percentage codes, money for value codes; 0 = rule-only discount.</summary>
    public decimal Amount { get; init; }
    /// <summary>Cap in money on a percentage code's percent discount; null = none.</summary>
    public decimal? DiscountLimit { get; init; }
    public bool Combinable { get; init; }

    /// <summary>Catalog item keys; empty (with <see cref="ApplicableGroups"/> empty) = every line qualifies.</summary>
    public IReadOnlyCollection<string> ApplicableTo { get; init; } = [];
    /// <summary>Catalog group keys, matched against each line's <see cref="Carts.CartLine.Groups"/> and its kind's group.</summary>
    public IReadOnlyCollection<string> ApplicableGroups { get; init; } = [];
    /// <summary>Item keys never discounted; they count toward no minimum.</summary>
    public IReadOnlyCollection<string> ExcludedItems { get; init; } = [];
    /// <summary>Catalog group keys whose items are never discounted.</summary>
    public IReadOnlyCollection<string> ExcludedGroups { get; init; } = [];
    /// <summary>When false (the default), gift-card lines are never discounted and count toward no minimum.</summary>
    public bool IncludeGiftCards { get; init; }
    /// <summary>When false, the discount covers the whole order once an applicable item is present.</summary>
    public bool ApplyOnlyToApplicable { get; init; } = true;

    /// <summary>Inclusive; null = open-ended.</summary>
    public DateOnly? PurchaseStart { get; init; }
    public DateOnly? PurchaseEnd { get; init; }
    /// <summary>The days of the purchase (location calendar); empty = every day.</summary>
    public IReadOnlyCollection<DayOfWeek> PurchaseDaysOfWeek { get; init; } = [];
    /// <summary>Location time of the purchase: start inclusive, end exclusive.</summary>
    public TimeOnly? PurchaseTimeStart { get; init; }
    public TimeOnly? PurchaseTimeEnd { get; init; }
    /// <summary>Inclusive; event lines only.</summary>
    public DateOnly? BookingStart { get; init; }
    public DateOnly? BookingEnd { get; init; }
    /// <summary>Start inclusive, end exclusive; a start after the end is a window across midnight.</summary>
    public TimeOnly? BookingTimeStart { get; init; }
    public TimeOnly? BookingTimeEnd { get; init; }
    /// <summary>Empty = every day.</summary>
    public IReadOnlyCollection<DayOfWeek> DaysOfWeek { get; init; } = [];
    /// <summary>Blacked-out booking dates; they override booking dates and days.</summary>
    public IReadOnlyCollection<DateOnly> ExclusionDates { get; init; } = [];
    public IReadOnlyList<EligibilityRule> EligibilityRules { get; init; } = [];

    public bool FirstOrderOnly { get; init; }
    public bool OneUsePerAccount { get; init; }
    /// <summary>How many applied redemptions one customer may have per <see cref="UsesPerCustomerPeriod"/>; null = no limit.</summary>
    public int? UsesPerCustomer { get; init; }
    public UsagePeriod UsesPerCustomerPeriod { get; init; }
    /// <summary>The campaign budget left, read fresh for each request; null when the code's campaign has none.</summary>
    public BudgetLeft? Budget { get; init; }
    /// <summary>Money, on the order subtotal; null = none.</summary>
    public decimal? OrderMinimum { get; init; }
    public bool FreeShipping { get; init; }
    /// <summary>Value codes only: the unused value becomes customer credit when the account has credits enabled.</summary>
    public bool CreditFromOverage { get; init; }
    /// <summary>Segment-batch codes: the only customer key allowed to redeem.</summary>
    public string? AssignedCustomerKey { get; init; }
}
