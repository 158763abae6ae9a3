using Microsoft.EntityFrameworkCore.Query;

namespace PromoAdmin.Domain.PromoCodes;

/// <summary>How a setting is edited; the settings form has one partial per kind (see docs/decisions/ADR-004-settings-form.md).</summary>
public enum SettingKind
{
    /// <summary>One line of text.</summary>
    Text,
    /// <summary>A few lines of text.</summary>
    LongText,
    /// <summary>On or off.</summary>
    Switch,
    /// <summary>The promo code group, whose default settings can pre-fill the form.</summary>
    Group,
    /// <summary>One value of a list the admin maintains (<see cref="SettingField.Options"/> names the list).</summary>
    Lookup,
    /// <summary>One value of a fixed enum (<see cref="SettingField.Options"/> names the enum).</summary>
    Choice,
    /// <summary>A percent or a money amount, depending on the redemption type.</summary>
    Amount,
    /// <summary>Money in the account's currency, blank for none.</summary>
    Money,
    /// <summary>Unlimited, or limited to a number of redemptions.</summary>
    Quantity,
    /// <summary>Any dates, or between two dates.</summary>
    DateRange,
    /// <summary>Any times, or between two times of day.</summary>
    TimeRange,
    /// <summary>Days of the week.</summary>
    Days,
    /// <summary>A list of single dates.</summary>
    DateList,
    /// <summary>Catalog items (events, items, gift cards).</summary>
    Items,
    /// <summary>Eligibility rules (minimum quantity, buy X get Y).</summary>
    Rules,
    /// <summary>Catalog groups (the account's and the built-in ones), resolved at checkout.</summary>
    CatalogGroups,
    /// <summary>A number of uses per customer and the period it counts in.</summary>
    PerCustomer,
}

/// <summary>A titled part of the settings form; a sub-section renders inside its parent.</summary>
public sealed record SettingSection(string Id, string Title, string? Note = null, string? Parent = null);

/// <summary>
/// One setting of a promo code: its key, its JSON names in the API (<see cref="PromoCodeInput"/>), its section and label on the
/// form, and how it is copied between inputs and set by a bulk update. This list is the one home of "which settings a code
/// has": the settings form, the field pickers (bulk update, group defaults), the bulk update, group defaults and the CSV
/// read it. Adding a setting is one entry here plus its rule in <see cref="PromoCodeInputValidator"/>.
/// </summary>
public sealed record SettingField(
    string Key, string Label, string Section, SettingKind Kind, string[] JsonNames, Func<PromoCodeInput, PromoCodeInput, PromoCodeInput> CopyTo)
{
    /// <summary>Shown under the input.</summary>
    public string? Help { get; init; }
    /// <summary>Shown in an empty input.</summary>
    public string? Placeholder { get; init; }
    /// <summary>The list a <see cref="SettingKind.Lookup"/> or <see cref="SettingKind.Choice"/> offers.</summary>
    public string? Options { get; init; }
    /// <summary>Shown only while another field has a value, as "Field=Value" (form property names).</summary>
    public string? ShowIf { get; init; }
    /// <summary>Hidden while another field has a value, as "Field=Value".</summary>
    public string? HideIf { get; init; }
    /// <summary>Set on every selected code by a bulk update (null: the field cannot be bulk updated).</summary>
    public Action<UpdateSettersBuilder<PromoCode>, PromoCodeInput>? BulkSet { get; init; }
    /// <summary>A bulk update may pick it.</summary>
    public bool InBulk => BulkSet is not null;
    /// <summary>A group may carry it as a default (the group itself cannot).</summary>
    public bool InGroupDefaults => Key != "groupId";

    /// <summary>The input gives this field a value (null means "not given").</summary>
    public bool IsGivenIn(PromoCodeInput input) => CopyTo(input, SettingFields.Nothing) != SettingFields.Nothing;
}

public static class SettingFields
{
    /// <summary>An input that gives no field.</summary>
    public static readonly PromoCodeInput Nothing = new();

    public static readonly IReadOnlyList<SettingSection> Sections =
    [
        new("details", "Promo code details"),
        new("reporting", "Reporting", Parent: "details"),
        new("redemption", "Redemption rules"),
        new("purchase", "Purchase rules"),
        new("usage", "Usage and application rules"),
        new("booking", "Booking rules", Note: "for event-applicable promos", Parent: "usage"),
        new("eligibility", "Eligibility rules"),
    ];

    /// <summary>Every setting. The form shows them by section, in this order within a section (the group first: it pre-fills the rest).</summary>
    public static readonly IReadOnlyList<SettingField> All =
    [
        // The bulk update's fields first, in the order its picker lists them; then what only codes, groups and batches set.
        new("description", "Description", "details", SettingKind.LongText, ["description"], (f, t) => t with { Description = f.Description })
        {
            Help = "Internal notes about the campaign.",
            BulkSet = (s, v) => s.SetProperty(c => c.Description, string.IsNullOrWhiteSpace(v.Description) ? null : v.Description.Trim()),
        },
        new("redemptionType", "Redemption type", "redemption", SettingKind.Choice, ["redemptionType"], (f, t) => t with { RedemptionType = f.RedemptionType })
        {
            Options = "redemptionTypes", BulkSet = (s, v) => s.SetProperty(c => c.RedemptionType, v.RedemptionType ?? RedemptionType.Percentage),
        },
        new("valueType", "Value type", "redemption", SettingKind.Choice, ["valueType"], (f, t) => t with { ValueType = f.ValueType })
        {
            Options = "valueScopes", Help = "Whole order, each qualifying line, or each unit / participant.",
            BulkSet = (s, v) => s.SetProperty(c => c.ValueType, v.ValueType ?? ValueScope.PerLineItem),
        },
        new("amount", "Amount", "redemption", SettingKind.Amount, ["amount"], (f, t) => t with { Amount = f.Amount })
        {
            BulkSet = (s, v) => s.SetProperty(c => c.Amount, v.Amount ?? 0),
        },
        // The quantity lives in the inventory table: a bulk update sets it in its own statement, so no setter here.
        new("quantity", "Quantity", "redemption", SettingKind.Quantity, ["quantity"], (f, t) => t with { Quantity = f.Quantity })
        {
            BulkSet = (_, _) => { },
        },
        new("purchaseDates", "Allowed purchase dates", "purchase", SettingKind.DateRange, ["purchaseStart", "purchaseEnd"],
            (f, t) => t with { PurchaseStart = f.PurchaseStart, PurchaseEnd = f.PurchaseEnd })
        {
            Help = "Both dates are inclusive, in the location's time zone.",
            BulkSet = (s, v) => s.SetProperty(c => c.PurchaseStart, v.PurchaseStart).SetProperty(c => c.PurchaseEnd, v.PurchaseEnd),
        },
        new("purchaseDaysOfWeek", "Allowed purchase days", "purchase", SettingKind.Days, ["purchaseDaysOfWeek"],
            (f, t) => t with { PurchaseDaysOfWeek = f.PurchaseDaysOfWeek })
        {
            Help = "The days of the week the code can be used on, in the location's time zone, for every order. None selected means every day.",
            BulkSet = (s, v) => s.SetProperty(c => c.PurchaseDaysOfWeek, PromoCodeInput.ParseDays(v.PurchaseDaysOfWeek)),
        },
        new("purchaseTime", "Allowed purchase time", "purchase", SettingKind.TimeRange, ["purchaseTimeStart", "purchaseTimeEnd"],
            (f, t) => t with { PurchaseTimeStart = f.PurchaseTimeStart, PurchaseTimeEnd = f.PurchaseTimeEnd })
        {
            Help = "Location time: from the start (inclusive) until the end (exclusive).",
            BulkSet = (s, v) => s.SetProperty(c => c.PurchaseTimeStart, PromoCodeInput.TryParseTime(v.PurchaseTimeStart, out var start) ? start : null)
                .SetProperty(c => c.PurchaseTimeEnd, PromoCodeInput.TryParseTime(v.PurchaseTimeEnd, out var end) ? end : null),
        },
        new("combinable", "Can be combined with other promo codes", "usage", SettingKind.Switch, ["combinable"], (f, t) => t with { Combinable = f.Combinable })
        {
            Help = "When off, the code can't stack with another promo on the same order.",
            BulkSet = (s, v) => s.SetProperty(c => c.Combinable, v.Combinable ?? false),
        },
        new("internalOnly", "Can only be applied internally", "usage", SettingKind.Switch, ["internalOnly"], (f, t) => t with { InternalOnly = f.InternalOnly })
        {
            Help = "Hidden from customers; only your team can apply it.",
            BulkSet = (s, v) => s.SetProperty(c => c.InternalOnly, v.InternalOnly ?? false),
        },
        new("allLocations", "Available at all locations", "usage", SettingKind.Switch, ["allLocations"], (f, t) => t with { AllLocations = f.AllLocations })
        {
            Help = "Works at every location in your account.",
            BulkSet = (s, v) => s.SetProperty(c => c.AllLocations, v.AllLocations ?? false),
        },
        new("applicableTo", "Applicable to", "usage", SettingKind.Items, ["applicableTo"], (f, t) => t with { ApplicableTo = f.ApplicableTo })
        {
            Help = "Events, items and gift card types the discount applies to. None picked means every item qualifies.",
            HideIf = "AllLocations=true",
            BulkSet = (s, v) => s.SetProperty(c => c.ApplicableTo, v.ApplicableTo ?? new List<string>()),
        },
        new("applicableGroups", "Applicable groups", "usage", SettingKind.CatalogGroups, ["applicableGroups"], (f, t) => t with { ApplicableGroups = f.ApplicableGroups })
        {
            Help = "Catalog groups the discount applies to, as they are at checkout: an item added to a group later qualifies.",
            HideIf = "AllLocations=true",
            BulkSet = (s, v) => s.SetProperty(c => c.ApplicableGroups, PromoCodeMapping.Keys(v.ApplicableGroups)),
        },
        new("excludedItems", "Excluded items", "usage", SettingKind.Items, ["excludedItems"], (f, t) => t with { ExcludedItems = f.ExcludedItems })
        {
            Help = "Never discounted by this code, and not counted toward the order minimum, minimum quantity or buy X.",
            BulkSet = (s, v) => s.SetProperty(c => c.ExcludedItems, PromoCodeMapping.Keys(v.ExcludedItems)),
        },
        new("excludedGroups", "Excluded groups", "usage", SettingKind.CatalogGroups, ["excludedGroups"], (f, t) => t with { ExcludedGroups = f.ExcludedGroups })
        {
            Help = "Catalog groups whose items are never discounted by this code, as the groups are at checkout.",
            BulkSet = (s, v) => s.SetProperty(c => c.ExcludedGroups, PromoCodeMapping.Keys(v.ExcludedGroups)),
        },
        new("includeGiftCards", "Applies to gift cards", "usage", SettingKind.Switch, ["includeGiftCards"], (f, t) => t with { IncludeGiftCards = f.IncludeGiftCards })
        {
            Help = "Off: gift card lines are never discounted and do not count toward minimums.",
            BulkSet = (s, v) => s.SetProperty(c => c.IncludeGiftCards, v.IncludeGiftCards ?? false),
        },
        new("usesPerCustomer", "Uses per customer", "usage", SettingKind.PerCustomer, ["usesPerCustomer", "usesPerCustomerPeriod"],
            (f, t) => t with { UsesPerCustomer = f.UsesPerCustomer, UsesPerCustomerPeriod = f.UsesPerCustomerPeriod })
        {
            Help = "How many times one customer account can use the code, ever or per day, week or month (location calendar). Blank means no limit.",
            Placeholder = "No limit",
            BulkSet = (s, v) => s.SetProperty(c => c.UsesPerCustomer, v.UsesPerCustomer)
                .SetProperty(c => c.UsesPerCustomerPeriod, v.UsesPerCustomer is null ? UsagePeriod.Ever : v.UsesPerCustomerPeriod ?? UsagePeriod.Ever),
        },
        new("bookingDates", "Allowed booking dates", "booking", SettingKind.DateRange, ["bookingStart", "bookingEnd"],
            (f, t) => t with { BookingStart = f.BookingStart, BookingEnd = f.BookingEnd })
        {
            BulkSet = (s, v) => s.SetProperty(c => c.BookingStart, v.BookingStart).SetProperty(c => c.BookingEnd, v.BookingEnd),
        },
        new("bookingTime", "Allowed booking time", "booking", SettingKind.TimeRange, ["bookingTimeStart", "bookingTimeEnd"],
            (f, t) => t with { BookingTimeStart = f.BookingTimeStart, BookingTimeEnd = f.BookingTimeEnd })
        {
            BulkSet = (s, v) => s.SetProperty(c => c.BookingTimeStart, PromoCodeInput.TryParseTime(v.BookingTimeStart, out var start) ? start : null)
                .SetProperty(c => c.BookingTimeEnd, PromoCodeInput.TryParseTime(v.BookingTimeEnd, out var end) ? end : null),
        },
        new("daysOfWeek", "Allowed days of the week", "booking", SettingKind.Days, ["daysOfWeek"], (f, t) => t with { DaysOfWeek = f.DaysOfWeek })
        {
            Help = "Click only the days the code is valid on. None selected means every day.",
            BulkSet = (s, v) => s.SetProperty(c => c.DaysOfWeek, PromoCodeInput.ParseDays(v.DaysOfWeek)),
        },
        new("exclusionDates", "Exclusion dates", "booking", SettingKind.DateList, ["exclusionDates"], (f, t) => t with { ExclusionDates = f.ExclusionDates })
        {
            Help = "Blacked-out dates (holidays, peak weekends). They override the day-of-week and date-range rules.",
            BulkSet = (s, v) => s.SetProperty(c => c.ExclusionDates, (v.ExclusionDates ?? []).Distinct().Order().ToList()),
        },
        new("groupId", "Promo code group", "details", SettingKind.Group, ["groupId"], (f, t) => t with { GroupId = f.GroupId })
        {
            Options = "groups", BulkSet = (s, v) => s.SetProperty(c => c.GroupId, v.GroupId),
        },
        new("display", "Display", "details", SettingKind.Text, ["display"], (f, t) => t with { Display = f.Display })
        {
            Help = "The customer facing message shown when the code is applied at checkout.",
        },
        new("enabled", "Enabled", "details", SettingKind.Switch, ["enabled"], (f, t) => t with { Enabled = f.Enabled })
        {
            Help = "A disabled code never applies.",
        },
        new("discountLimit", "Discount limit", "redemption", SettingKind.Money, ["discountLimit"], (f, t) => t with { DiscountLimit = f.DiscountLimit })
        {
            Help = "Most a percentage discount can take off. Leave blank for no limit.", Placeholder = "No limit", ShowIf = "RedemptionType=Percentage",
        },
        new("freeShipping", "Free ground shipping", "redemption", SettingKind.Switch, ["freeShipping"], (f, t) => t with { FreeShipping = f.FreeShipping })
        {
            Help = "Removes the delivery fee from the order.",
        },
        new("creditFromOverage", "Credit from overage", "redemption", SettingKind.Switch, ["creditFromOverage"], (f, t) => t with { CreditFromOverage = f.CreditFromOverage })
        {
            Help = "Value discounts only: any unused discount becomes customer credit.", ShowIf = "RedemptionType=Value",
        },
        new("applyOnlyToApplicable", "Only apply discount to applicable items", "usage", SettingKind.Switch, ["applyOnlyToApplicable"],
            (f, t) => t with { ApplyOnlyToApplicable = f.ApplyOnlyToApplicable })
        {
            Help = "When off, the discount covers the whole order once an applicable item is in it.",
        },
        new("variantTargetingGroup", "Variant targeting group", "usage", SettingKind.Lookup, ["variantTargetingGroup"],
            (f, t) => t with { VariantTargetingGroup = f.VariantTargetingGroup })
        {
            Options = "variantTargetingGroups", Help = "With Applicable to and Applicable groups empty, the code targets this group (live, by its key).",
        },
        new("firstOrderOnly", "First order only", "usage", SettingKind.Switch, ["firstOrderOnly"], (f, t) => t with { FirstOrderOnly = f.FirstOrderOnly })
        {
            Help = "Only for accounts that have never placed an order.",
        },
        new("oneUsePerAccount", "One use per account", "usage", SettingKind.Switch, ["oneUsePerAccount"], (f, t) => t with { OneUsePerAccount = f.OneUsePerAccount })
        {
            Help = "Each customer account can apply it once.",
        },
        new("eligibilityRules", "Eligibility rules", "eligibility", SettingKind.Rules, ["eligibilityRules"], (f, t) => t with { EligibilityRules = f.EligibilityRules })
        {
            Help = "Conditions the cart must meet for the code to be valid. The rule discount adds to the amount above.",
        },
        new("orderMinimum", "Order minimum", "eligibility", SettingKind.Money, ["orderMinimum"], (f, t) => t with { OrderMinimum = f.OrderMinimum })
        {
            Help = "The order subtotal must reach this. Leave blank for no minimum.", Placeholder = "No minimum",
        },
        new("offerType", "Offer type", "reporting", SettingKind.Lookup, ["offerType"], (f, t) => t with { OfferType = f.OfferType }) { Options = "offerTypes" },
        new("campaignId", "Marketing campaign", "reporting", SettingKind.Lookup, ["campaignId"], (f, t) => t with { CampaignId = f.CampaignId }) { Options = "campaigns" },
        new("pnlAllocation", "P&L allocation", "reporting", SettingKind.Lookup, ["pnlAllocation"], (f, t) => t with { PnlAllocation = f.PnlAllocation }) { Options = "pnlAllocations" },
        new("transactionType", "Transaction type", "reporting", SettingKind.Lookup, ["transactionType"], (f, t) => t with { TransactionType = f.TransactionType }) { Options = "transactionTypes" },
    ];

    /// <summary>The fields a bulk update can pick.</summary>
    public static readonly IReadOnlyList<SettingField> Bulk = [.. All.Where(f => f.InBulk)];

    /// <summary>The fields a group can carry as defaults.</summary>
    public static readonly IReadOnlyList<SettingField> GroupDefaults = [.. All.Where(f => f.InGroupDefaults)];

    /// <summary>The JSON names a bulk update accepts ("Allowed purchase dates" is the start and end pair).</summary>
    public static readonly IReadOnlySet<string> BulkJsonNames = Bulk.SelectMany(f => f.JsonNames).ToHashSet();

    public static SettingField? Find(string key) => All.FirstOrDefault(f => f.Key == key);

    public static SettingSection Section(string id) => Sections.First(s => s.Id == id);

    /// <summary>The fields whose JSON names include one of <paramref name="jsonNames"/> (a range counts when either end is named).</summary>
    public static List<SettingField> ByJsonNames(IEnumerable<string> jsonNames)
    {
        var names = jsonNames.ToHashSet();
        return All.Where(f => f.JsonNames.Any(names.Contains)).ToList();
    }

    /// <summary>The JSON names of the picked keys.</summary>
    public static List<string> JsonNamesOf(IEnumerable<string> keys)
    {
        var picked = keys.ToHashSet();
        return All.Where(f => picked.Contains(f.Key)).SelectMany(f => f.JsonNames).ToList();
    }

    /// <summary>Only the picked fields of <paramref name="all"/>; the rest "not given".</summary>
    public static PromoCodeInput Only(PromoCodeInput all, IEnumerable<string> keys)
    {
        var picked = keys.ToHashSet();
        return All.Where(f => picked.Contains(f.Key)).Aggregate(Nothing, (result, f) => f.CopyTo(all, result));
    }

    /// <summary>The keys a stored set of defaults gives a value for.</summary>
    public static List<string> GivenIn(PromoCodeInput input) => GroupDefaults.Where(f => f.IsGivenIn(input)).Select(f => f.Key).ToList();

    /// <summary>The labels of the given keys, in the form's order.</summary>
    public static List<string> LabelsOf(IEnumerable<string> keys)
    {
        var picked = keys.ToHashSet();
        return All.Where(f => picked.Contains(f.Key)).Select(f => f.Label).ToList();
    }

    /// <summary><paramref name="input"/> with every field it does not give taken from <paramref name="defaults"/>.</summary>
    public static PromoCodeInput WithDefaults(PromoCodeInput input, PromoCodeInput defaults) =>
        All.Where(f => !f.IsGivenIn(input)).Aggregate(input, (result, f) => f.CopyTo(defaults, result));
}
