using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.Locations;

namespace PromoAdmin.Domain.PromoCodes;

public enum RedemptionType { Percentage, Value }

/// <summary>The "Value type" field: how often the amount applies (per transaction, line item or unit).</summary>
public enum ValueScope { PerTransaction, PerLineItem, PerQuantity }

/// <summary>Days a booking may fall on; none set means every day.</summary>
[Flags]
public enum BookingDays
{
    None = 0,
    Mon = 1, Tue = 2, Wed = 4, Thu = 8, Fri = 16, Sat = 32, Sun = 64,
}

/// <summary>How often "uses per customer" starts again, on the location's calendar.</summary>
public enum UsagePeriod { Ever, Day, Week, Month }

public enum EligibilityRuleType { MinimumQuantity, BuyXGetY }

/// <summary>A condition the cart must meet. Empty item lists mean the code's applicable items.</summary>
public sealed record EligibilityRule
{
    public EligibilityRuleType Type { get; init; }
    public int? Minimum { get; init; }
    public int? BuyQuantity { get; init; }
    public int? GetQuantity { get; init; }
    public decimal? GetPercentOff { get; init; }
    public List<string> BuyItems { get; init; } = [];
    public List<string> GetItems { get; init; } = [];
}

/// <summary>A string customers type at checkout for a discount, with every setting of docs/rules.md#settings.</summary>
public class PromoCode
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public Location Location { get; set; } = null!;

    /// <summary>As typed by the admin.</summary>
    public required string Code { get; set; }
    /// <summary>Upper case without spaces and hyphens: what uniqueness and look-ups compare.</summary>
    public required string NormalizedCode { get; set; }
    public string? Description { get; set; }
    public string? Display { get; set; }
    public bool Enabled { get; set; } = true;

    public int? GroupId { get; set; }
    public PromoCodeGroup? Group { get; set; }
    public int? BatchId { get; set; }
    public Batch? Batch { get; set; }
    public int? CampaignId { get; set; }
    /// <summary>Set on segment-batch codes: only this customer may redeem.</summary>
    public int? AssignedCustomerId { get; set; }
    public Customer? AssignedCustomer { get; set; }

    public RedemptionType RedemptionType { get; set; }
    public ValueScope ValueType { get; set; } = ValueScope.PerLineItem;
    /// <summary>Percent 0-100 or money.</summary>
    public decimal Amount { get; set; }
    public decimal? DiscountLimit { get; set; }
    /// <summary>Remaining usages and times used (always loaded with the code).</summary>
    public PromoCodeInventory Inventory { get; set; } = null!;

    public bool Combinable { get; set; }
    public bool InternalOnly { get; set; }
    public bool AllLocations { get; set; }
    public List<string> ApplicableTo { get; set; } = [];
    /// <summary>Catalog group keys, resolved at checkout (an item added to the group later qualifies).</summary>
    public List<string> ApplicableGroups { get; set; } = [];
    public List<string> ExcludedItems { get; set; } = [];
    public List<string> ExcludedGroups { get; set; } = [];
    /// <summary>Off by default: gift-card lines are never discounted and count toward no minimum.</summary>
    public bool IncludeGiftCards { get; set; }
    public bool ApplyOnlyToApplicable { get; set; } = true;
    public int? VariantTargetingGroupId { get; set; }

    public DateOnly? PurchaseStart { get; set; }
    public DateOnly? PurchaseEnd { get; set; }
    public BookingDays PurchaseDaysOfWeek { get; set; }
    public TimeOnly? PurchaseTimeStart { get; set; }
    public TimeOnly? PurchaseTimeEnd { get; set; }
    public DateOnly? BookingStart { get; set; }
    public DateOnly? BookingEnd { get; set; }
    public TimeOnly? BookingTimeStart { get; set; }
    public TimeOnly? BookingTimeEnd { get; set; }
    public BookingDays DaysOfWeek { get; set; }
    public List<DateOnly> ExclusionDates { get; set; } = [];
    public List<EligibilityRule> EligibilityRules { get; set; } = [];

    public bool FirstOrderOnly { get; set; }
    public bool OneUsePerAccount { get; set; }
    public int? UsesPerCustomer { get; set; }
    public UsagePeriod UsesPerCustomerPeriod { get; set; }
    public decimal? OrderMinimum { get; set; }
    public bool FreeShipping { get; set; }
    public bool CreditFromOverage { get; set; }

    public string? OfferType { get; set; }
    public string? PnlAllocation { get; set; }
    public string? TransactionType { get; set; }

    public bool IsArchived { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string Normalize(string code)
    {
        Span<char> buffer = code.Length <= 256 ? stackalloc char[code.Length] : new char[code.Length];
        var n = 0;
        foreach (var ch in code)
        {
            if (ch is ' ' or '-' || char.IsWhiteSpace(ch)) continue;
            buffer[n++] = char.ToUpperInvariant(ch);
        }
        return new string(buffer[..n]);
    }
}
