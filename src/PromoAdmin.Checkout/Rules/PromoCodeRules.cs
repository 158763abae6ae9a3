namespace PromoAdmin.Checkout.Rules;

/// <summary>The "Redemption type" field: percent off or money off.</summary>
public enum RedemptionType { Percentage, Value }

/// <summary>The "Value type" field: how often the amount applies (named apart from <see cref="System.ValueType"/>).</summary>
public enum ValueScope { PerTransaction, PerLineItem, PerQuantity }

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

    /// <summary>Catalog item keys; empty = every line qualifies.</summary>
    public IReadOnlyCollection<string> ApplicableTo { get; init; } = [];
    /// <summary>When false, the discount covers the whole order once an applicable item is present.</summary>
    public bool ApplyOnlyToApplicable { get; init; } = true;

    /// <summary>Inclusive; null = open-ended.</summary>
    public DateOnly? PurchaseStart { get; init; }
    public DateOnly? PurchaseEnd { get; init; }
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
    /// <summary>Money, on the order subtotal; null = none.</summary>
    public decimal? OrderMinimum { get; init; }
    public bool FreeShipping { get; init; }
    /// <summary>Value codes only: the unused value becomes customer credit when the account has credits enabled.</summary>
    public bool CreditFromOverage { get; init; }
    /// <summary>Segment-batch codes: the only customer key allowed to redeem.</summary>
    public string? AssignedCustomerKey { get; init; }
}
