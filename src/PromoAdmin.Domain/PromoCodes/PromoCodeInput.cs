using System.Globalization;
using System.Text.Json.Serialization;

namespace PromoAdmin.Domain.PromoCodes;

/// <summary>
/// A code's settings (docs/rules.md#settings) as clients send them. Null means "not given": the default, or the group's default
/// when <see cref="ApplyGroupDefaults"/> is on. The same shape is a group's defaults and a bulk update's values.
/// </summary>
public record PromoCodeInput
{
    public string? Code { get; init; }
    public string? Description { get; init; }
    public string? Display { get; init; }
    public bool? Enabled { get; init; }
    public int? GroupId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ApplyGroupDefaults { get; init; }
    public RedemptionType? RedemptionType { get; init; }
    public ValueScope? ValueType { get; init; }
    public decimal? Amount { get; init; }
    public decimal? DiscountLimit { get; init; }
    /// <summary>Remaining usages; null is Unlimited.</summary>
    public int? Quantity { get; init; }
    public bool? Combinable { get; init; }
    public bool? InternalOnly { get; init; }
    public bool? AllLocations { get; init; }
    public List<string>? ApplicableTo { get; init; }
    /// <summary>Catalog group keys (variant targeting groups and the built-in all-events, all-items, all-gift-cards).</summary>
    public List<string>? ApplicableGroups { get; init; }
    public List<string>? ExcludedItems { get; init; }
    public List<string>? ExcludedGroups { get; init; }
    public bool? IncludeGiftCards { get; init; }
    public bool? ApplyOnlyToApplicable { get; init; }
    public string? VariantTargetingGroup { get; init; }
    public DateOnly? PurchaseStart { get; init; }
    public DateOnly? PurchaseEnd { get; init; }
    /// <summary>Subset of mon..sun, in the location's time zone; empty is every day.</summary>
    public List<string>? PurchaseDaysOfWeek { get; init; }
    /// <summary>HH:mm location time, inclusive.</summary>
    public string? PurchaseTimeStart { get; init; }
    /// <summary>HH:mm location time, exclusive.</summary>
    public string? PurchaseTimeEnd { get; init; }
    public DateOnly? BookingStart { get; init; }
    public DateOnly? BookingEnd { get; init; }
    /// <summary>HH:mm, inclusive.</summary>
    public string? BookingTimeStart { get; init; }
    /// <summary>HH:mm, exclusive.</summary>
    public string? BookingTimeEnd { get; init; }
    /// <summary>Subset of mon..sun; empty is every day.</summary>
    public List<string>? DaysOfWeek { get; init; }
    public List<DateOnly>? ExclusionDates { get; init; }
    public List<EligibilityRuleInput>? EligibilityRules { get; init; }
    public bool? FirstOrderOnly { get; init; }
    public bool? OneUsePerAccount { get; init; }
    /// <summary>Applied redemptions one customer may have per period; null is no limit.</summary>
    public int? UsesPerCustomer { get; init; }
    /// <summary>ever (the default), day, week or month, on the location's calendar.</summary>
    public UsagePeriod? UsesPerCustomerPeriod { get; init; }
    public decimal? OrderMinimum { get; init; }
    public bool? FreeShipping { get; init; }
    public bool? CreditFromOverage { get; init; }
    public string? OfferType { get; init; }
    public int? CampaignId { get; init; }
    public string? PnlAllocation { get; init; }
    public string? TransactionType { get; init; }

    /// <summary>Create only: the owning location.</summary>
    public string? LocationKey { get; init; }
    /// <summary>Create only: independent copies at these locations.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? DuplicateTo { get; init; }

    /// <summary>Values of this input where given, else <paramref name="defaults"/>'s.</summary>
    public PromoCodeInput WithDefaults(PromoCodeInput defaults) => SettingFields.WithDefaults(this, defaults);

    [JsonIgnore]
    public bool HasBookingRules =>
        BookingStart is not null || BookingEnd is not null || !string.IsNullOrEmpty(BookingTimeStart) || !string.IsNullOrEmpty(BookingTimeEnd)
        || DaysOfWeek is { Count: > 0 } || ExclusionDates is { Count: > 0 };

    public static readonly string[] DayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static BookingDays ParseDays(IEnumerable<string>? days)
    {
        var result = BookingDays.None;
        foreach (var d in days ?? [])
        {
            var i = Array.IndexOf(DayNames, d.Trim().ToLowerInvariant());
            if (i >= 0) result |= (BookingDays)(1 << i);
        }
        return result;
    }

    public static List<string> FormatDays(BookingDays days) =>
        DayNames.Where((_, i) => days.HasFlag((BookingDays)(1 << i))).ToList();

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string? FormatTime(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);
}

public sealed record EligibilityRuleInput
{
    public EligibilityRuleType? Type { get; init; }
    public int? Minimum { get; init; }
    public int? BuyQuantity { get; init; }
    public int? GetQuantity { get; init; }
    /// <summary>Percent off the get units, 1 to 100; null is 100 (free).</summary>
    public decimal? GetPercentOff { get; init; }
    public List<string>? BuyItems { get; init; }
    public List<string>? GetItems { get; init; }
}
