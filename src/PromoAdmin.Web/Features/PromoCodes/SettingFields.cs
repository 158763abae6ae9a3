using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Web.Features.PromoCodes;

/// <summary>One pickable field of the settings form: a bulk-update field or a group default, in the seed's words.</summary>
public sealed record SettingField(string Key, string Label, string[] InputNames);

/// <summary>
/// The fields a bulk update or a group's default settings can pick, and how a picked subset maps onto
/// <see cref="PromoCodeInput"/> (null = not given) and onto <see cref="BulkUpdateService.AllowedFields"/>.
/// </summary>
public static class SettingFields
{
    /// <summary>The seed's "Bulk-update fields" table, in its order.</summary>
    public static readonly IReadOnlyList<SettingField> Bulk =
    [
        new("description", "Description", ["description"]),
        new("redemptionType", "Redemption type", ["redemptionType"]),
        new("valueType", "Value type", ["valueType"]),
        new("amount", "Amount", ["amount"]),
        new("quantity", "Quantity", ["quantity"]),
        new("purchaseDates", "Allowed purchase dates", ["purchaseStart", "purchaseEnd"]),
        new("combinable", "Can be combined with other promo codes", ["combinable"]),
        new("internalOnly", "Can only be applied internally", ["internalOnly"]),
        new("allLocations", "Available at all locations", ["allLocations"]),
        new("applicableTo", "Applicable to", ["applicableTo"]),
        new("bookingDates", "Allowed booking dates", ["bookingStart", "bookingEnd"]),
        new("bookingTime", "Allowed booking time", ["bookingTimeStart", "bookingTimeEnd"]),
        new("daysOfWeek", "Allowed days of the week", ["daysOfWeek"]),
        new("exclusionDates", "Exclusion dates", ["exclusionDates"]),
        new("groupId", "Promo code group", ["groupId"]),
    ];

    /// <summary>Every setting a group can carry as a default: the bulk fields (but the group itself) and the batch seed's extras.</summary>
    public static readonly IReadOnlyList<SettingField> GroupDefaults =
    [
        .. Bulk.Where(f => f.Key != "groupId"),
        new("display", "Display", ["display"]),
        new("enabled", "Enabled", ["enabled"]),
        new("discountLimit", "Discount limit", ["discountLimit"]),
        new("freeShipping", "Free ground shipping", ["freeShipping"]),
        new("creditFromOverage", "Credit from overage", ["creditFromOverage"]),
        new("applyOnlyToApplicable", "Only apply discount to applicable items", ["applyOnlyToApplicable"]),
        new("variantTargetingGroup", "Variant targeting group", ["variantTargetingGroup"]),
        new("firstOrderOnly", "First order only", ["firstOrderOnly"]),
        new("oneUsePerAccount", "One use per account", ["oneUsePerAccount"]),
        new("eligibilityRules", "Eligibility rules", ["eligibilityRules"]),
        new("orderMinimum", "Order minimum", ["orderMinimum"]),
        new("offerType", "Offer type", ["offerType"]),
        new("campaignId", "Marketing campaign", ["campaignId"]),
        new("pnlAllocation", "P&L allocation", ["pnlAllocation"]),
        new("transactionType", "Transaction type", ["transactionType"]),
    ];

    /// <summary>The domain's field names (JSON) for the picked keys, as <see cref="BulkUpdateRequest.Fields"/> takes them.</summary>
    public static List<string> InputNames(IEnumerable<string> keys) =>
        Bulk.Where(f => keys.Contains(f.Key)).SelectMany(f => f.InputNames).ToList();

    /// <summary>Only the picked fields of <paramref name="all"/>; the rest "not given".</summary>
    public static PromoCodeInput Only(PromoCodeInput all, IReadOnlyCollection<string> keys)
    {
        var r = new PromoCodeInput();
        foreach (var key in keys)
            r = key switch
            {
                "description" => r with { Description = all.Description },
                "display" => r with { Display = all.Display },
                "enabled" => r with { Enabled = all.Enabled },
                "groupId" => r with { GroupId = all.GroupId },
                "redemptionType" => r with { RedemptionType = all.RedemptionType },
                "valueType" => r with { ValueType = all.ValueType },
                "amount" => r with { Amount = all.Amount },
                "discountLimit" => r with { DiscountLimit = all.DiscountLimit },
                "quantity" => r with { Quantity = all.Quantity },
                "freeShipping" => r with { FreeShipping = all.FreeShipping },
                "creditFromOverage" => r with { CreditFromOverage = all.CreditFromOverage },
                "purchaseDates" => r with { PurchaseStart = all.PurchaseStart, PurchaseEnd = all.PurchaseEnd },
                "combinable" => r with { Combinable = all.Combinable },
                "internalOnly" => r with { InternalOnly = all.InternalOnly },
                "allLocations" => r with { AllLocations = all.AllLocations },
                "applicableTo" => r with { ApplicableTo = all.ApplicableTo },
                "applyOnlyToApplicable" => r with { ApplyOnlyToApplicable = all.ApplyOnlyToApplicable },
                "variantTargetingGroup" => r with { VariantTargetingGroup = all.VariantTargetingGroup },
                "firstOrderOnly" => r with { FirstOrderOnly = all.FirstOrderOnly },
                "oneUsePerAccount" => r with { OneUsePerAccount = all.OneUsePerAccount },
                "bookingDates" => r with { BookingStart = all.BookingStart, BookingEnd = all.BookingEnd },
                "bookingTime" => r with { BookingTimeStart = all.BookingTimeStart, BookingTimeEnd = all.BookingTimeEnd },
                "daysOfWeek" => r with { DaysOfWeek = all.DaysOfWeek },
                "exclusionDates" => r with { ExclusionDates = all.ExclusionDates },
                "eligibilityRules" => r with { EligibilityRules = all.EligibilityRules },
                "orderMinimum" => r with { OrderMinimum = all.OrderMinimum },
                "offerType" => r with { OfferType = all.OfferType },
                "campaignId" => r with { CampaignId = all.CampaignId },
                "pnlAllocation" => r with { PnlAllocation = all.PnlAllocation },
                "transactionType" => r with { TransactionType = all.TransactionType },
                _ => r,
            };
        return r;
    }

    /// <summary>The keys a stored set of defaults gives a value for.</summary>
    public static List<string> GivenIn(PromoCodeInput d) => GroupDefaults.Select(f => f.Key).Where(key => key switch
    {
        "description" => d.Description is not null,
        "display" => d.Display is not null,
        "enabled" => d.Enabled is not null,
        "redemptionType" => d.RedemptionType is not null,
        "valueType" => d.ValueType is not null,
        "amount" => d.Amount is not null,
        "discountLimit" => d.DiscountLimit is not null,
        "quantity" => d.Quantity is not null,
        "freeShipping" => d.FreeShipping is not null,
        "creditFromOverage" => d.CreditFromOverage is not null,
        "purchaseDates" => d.PurchaseStart is not null || d.PurchaseEnd is not null,
        "combinable" => d.Combinable is not null,
        "internalOnly" => d.InternalOnly is not null,
        "allLocations" => d.AllLocations is not null,
        "applicableTo" => d.ApplicableTo is not null,
        "applyOnlyToApplicable" => d.ApplyOnlyToApplicable is not null,
        "variantTargetingGroup" => d.VariantTargetingGroup is not null,
        "firstOrderOnly" => d.FirstOrderOnly is not null,
        "oneUsePerAccount" => d.OneUsePerAccount is not null,
        "bookingDates" => d.BookingStart is not null || d.BookingEnd is not null,
        "bookingTime" => d.BookingTimeStart is not null || d.BookingTimeEnd is not null,
        "daysOfWeek" => d.DaysOfWeek is not null,
        "exclusionDates" => d.ExclusionDates is not null,
        "eligibilityRules" => d.EligibilityRules is not null,
        "orderMinimum" => d.OrderMinimum is not null,
        "offerType" => d.OfferType is not null,
        "campaignId" => d.CampaignId is not null,
        "pnlAllocation" => d.PnlAllocation is not null,
        "transactionType" => d.TransactionType is not null,
        _ => false,
    }).ToList();
}
