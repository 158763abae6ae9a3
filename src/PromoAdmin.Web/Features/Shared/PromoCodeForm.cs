using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Web.Features.Shared;

/// <summary>The form's "Available any dates / Available between dates" (and times) choice.</summary>
public enum RangeChoice { Any, Between }

public enum QuantityChoice { Unlimited, Limited }

/// <summary>
/// The create/edit form as the browser posts it. Property names are the PascalCase of the API's JSON names, so the
/// domain's field errors ("purchaseEnd", "eligibilityRules[0].minimum") land on the right inputs. The same shape holds a
/// group's default settings and a bulk update's values.
/// </summary>
public sealed class PromoCodeForm
{
    public int? Id { get; set; }

    // Promo code details
    public string? Code { get; set; }
    public string? Description { get; set; }
    public string? Display { get; set; }
    public bool Enabled { get; set; } = true;
    public int? GroupId { get; set; }
    public bool ApplyGroupDefaults { get; set; }
    /// <summary>The group whose defaults were last copied onto the form (so Create does not copy them twice).</summary>
    public int? DefaultsAppliedFor { get; set; }
    public string? OfferType { get; set; }
    public int? CampaignId { get; set; }
    public string? PnlAllocation { get; set; }
    public string? TransactionType { get; set; }

    // Redemption rules
    public RedemptionType RedemptionType { get; set; } = RedemptionType.Percentage;
    public ValueScope ValueType { get; set; } = ValueScope.PerLineItem;
    public decimal? Amount { get; set; }
    public decimal? DiscountLimit { get; set; }
    public QuantityChoice QuantityChoice { get; set; } = QuantityChoice.Unlimited;
    public int? Quantity { get; set; }
    public bool FreeShipping { get; set; }
    public bool CreditFromOverage { get; set; }

    // Purchase rules
    public RangeChoice PurchaseDates { get; set; }
    public DateOnly? PurchaseStart { get; set; }
    public DateOnly? PurchaseEnd { get; set; }
    public List<string> PurchaseDaysOfWeek { get; set; } = [];
    public RangeChoice PurchaseTime { get; set; }
    public string? PurchaseTimeStart { get; set; }
    public string? PurchaseTimeEnd { get; set; }

    // Usage and application rules
    public bool Combinable { get; set; }
    public bool InternalOnly { get; set; }
    public bool AllLocations { get; set; }
    public List<string> ApplicableTo { get; set; } = [];
    public List<string> ApplicableGroups { get; set; } = [];
    public List<string> ExcludedItems { get; set; } = [];
    public List<string> ExcludedGroups { get; set; } = [];
    public bool IncludeGiftCards { get; set; }
    public bool ApplyOnlyToApplicable { get; set; } = true;
    public string? VariantTargetingGroup { get; set; }
    public bool FirstOrderOnly { get; set; }
    public bool OneUsePerAccount { get; set; }
    /// <summary>Blank is no limit.</summary>
    public int? UsesPerCustomer { get; set; }
    public UsagePeriod UsesPerCustomerPeriod { get; set; } = UsagePeriod.Ever;
    public RangeChoice BookingDates { get; set; }
    public DateOnly? BookingStart { get; set; }
    public DateOnly? BookingEnd { get; set; }
    public RangeChoice BookingTime { get; set; }
    public string? BookingTimeStart { get; set; }
    public string? BookingTimeEnd { get; set; }
    public List<string> DaysOfWeek { get; set; } = [];
    public List<DateOnly?> ExclusionDates { get; set; } = [];

    // Eligibility rules
    public List<EligibilityRuleForm> EligibilityRules { get; set; } = [];
    public decimal? OrderMinimum { get; set; }

    // Duplication (create only)
    public List<string> DuplicateTo { get; set; } = [];

    /// <summary>The submit button that posted the form: save, or a re-render command of the no-JavaScript flow.</summary>
    public string? Command { get; set; }

    /// <summary>The search boxes of the long pick lists, by setting key (applicableTo, excludedItems, campaignId): never saved.</summary>
    public Dictionary<string, string?> Find { get; set; } = [];

    /// <summary>What the search box of a setting's pick list holds, cleaned; null when blank.</summary>
    public string? FindText(string key) => PickerSearch.Clean(Find.GetValueOrDefault(key));

    /// <summary>What the pick lists must offer: every picked item and campaign, and the matches of the search boxes.</summary>
    public OptionPicks Picks => new(PickedItemKeys, CampaignId,
        new[] { FindText("applicableTo"), FindText("excludedItems") }.OfType<string>().ToList(), FindText("campaignId"));

    public bool HasBuyXGetY => EligibilityRules.Any(r => r.Type == EligibilityRuleType.BuyXGetY);

    /// <summary>Every catalog item the form names (Applicable to, Excluded items, buy and get items): the pick lists must offer them.</summary>
    public IEnumerable<string> PickedItemKeys => ApplicableTo.Concat(ExcludedItems).Concat(EligibilityRules.SelectMany(r => r.BuyItems.Concat(r.GetItems)));

    /// <summary>The form's input names of a setting: its JSON names in PascalCase, plus the choice a range or quantity carries.</summary>
    public static IEnumerable<string> InputNamesOf(SettingField field) =>
        field.JsonNames.Append(field.Kind == SettingKind.Quantity ? field.Key + "Choice" : field.Key).Distinct().Select(Pascal);

    /// <summary>"purchaseStart" reads "PurchaseStart": form property names are the PascalCase of the JSON names.</summary>
    public static string Pascal(string jsonName) => char.ToUpperInvariant(jsonName[0]) + jsonName[1..];

    /// <summary>Form-shape checks the domain cannot see: a picked "between" needs its range, "Limited" needs a number.</summary>
    public IEnumerable<(string Field, string Message)> ShapeErrors(Func<string, bool>? applies = null)
    {
        applies ??= _ => true;
        if (applies("quantity") && QuantityChoice == QuantityChoice.Limited && Quantity is null)
            yield return (nameof(Quantity), "Enter how many times the code can be used, or pick Unlimited.");
        if (applies("purchaseDates") && PurchaseDates == RangeChoice.Between)
        {
            if (PurchaseStart is null) yield return (nameof(PurchaseStart), "Purchase start date is required when \"Available between dates\" is picked.");
            if (PurchaseEnd is null) yield return (nameof(PurchaseEnd), "Purchase end date is required when \"Available between dates\" is picked.");
        }
        if (applies("purchaseTime") && PurchaseTime == RangeChoice.Between)
        {
            if (string.IsNullOrWhiteSpace(PurchaseTimeStart)) yield return (nameof(PurchaseTimeStart), "Purchase start time is required when \"Available between times\" is picked.");
            if (string.IsNullOrWhiteSpace(PurchaseTimeEnd)) yield return (nameof(PurchaseTimeEnd), "Purchase end time is required when \"Available between times\" is picked.");
        }
        if (applies("bookingDates") && BookingDates == RangeChoice.Between)
        {
            if (BookingStart is null) yield return (nameof(BookingStart), "Booking start date is required when \"Available between dates\" is picked.");
            if (BookingEnd is null) yield return (nameof(BookingEnd), "Booking end date is required when \"Available between dates\" is picked.");
        }
        if (applies("bookingTime") && BookingTime == RangeChoice.Between)
        {
            if (string.IsNullOrWhiteSpace(BookingTimeStart)) yield return (nameof(BookingTimeStart), "Booking start time is required when \"Available between times\" is picked.");
            if (string.IsNullOrWhiteSpace(BookingTimeEnd)) yield return (nameof(BookingTimeEnd), "Booking end time is required when \"Available between times\" is picked.");
        }
    }

    /// <summary>Every field as the domain takes it; "any dates" and "Unlimited" clear what they hide.</summary>
    public PromoCodeInput ToInput() => new()
    {
        Code = Code?.Trim(),
        Description = Description,
        Display = Display,
        Enabled = Enabled,
        GroupId = GroupId,
        RedemptionType = RedemptionType,
        ValueType = ValueType,
        Amount = Amount,
        DiscountLimit = RedemptionType == RedemptionType.Percentage ? DiscountLimit : null,
        Quantity = QuantityChoice == QuantityChoice.Limited ? Quantity : null,
        Combinable = Combinable,
        InternalOnly = InternalOnly,
        AllLocations = AllLocations,
        ApplicableTo = ApplicableTo.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct().ToList(),
        ApplicableGroups = PromoCodeMapping.Keys(ApplicableGroups),
        ExcludedItems = PromoCodeMapping.Keys(ExcludedItems),
        ExcludedGroups = PromoCodeMapping.Keys(ExcludedGroups),
        IncludeGiftCards = IncludeGiftCards,
        ApplyOnlyToApplicable = ApplyOnlyToApplicable,
        VariantTargetingGroup = string.IsNullOrWhiteSpace(VariantTargetingGroup) ? null : VariantTargetingGroup,
        PurchaseStart = PurchaseDates == RangeChoice.Between ? PurchaseStart : null,
        PurchaseEnd = PurchaseDates == RangeChoice.Between ? PurchaseEnd : null,
        PurchaseDaysOfWeek = PurchaseDaysOfWeek.Distinct().ToList(),
        PurchaseTimeStart = PurchaseTime == RangeChoice.Between ? Blank(PurchaseTimeStart) : null,
        PurchaseTimeEnd = PurchaseTime == RangeChoice.Between ? Blank(PurchaseTimeEnd) : null,
        BookingStart = BookingDates == RangeChoice.Between ? BookingStart : null,
        BookingEnd = BookingDates == RangeChoice.Between ? BookingEnd : null,
        BookingTimeStart = BookingTime == RangeChoice.Between ? Blank(BookingTimeStart) : null,
        BookingTimeEnd = BookingTime == RangeChoice.Between ? Blank(BookingTimeEnd) : null,
        DaysOfWeek = DaysOfWeek.Distinct().ToList(),
        ExclusionDates = ExclusionDates.OfType<DateOnly>().Distinct().Order().ToList(),
        EligibilityRules = EligibilityRules.Select(r => r.ToInput()).ToList(),
        FirstOrderOnly = FirstOrderOnly,
        OneUsePerAccount = OneUsePerAccount,
        UsesPerCustomer = UsesPerCustomer,
        UsesPerCustomerPeriod = UsesPerCustomer is null ? null : UsesPerCustomerPeriod,
        OrderMinimum = OrderMinimum,
        FreeShipping = FreeShipping,
        CreditFromOverage = RedemptionType == RedemptionType.Value && CreditFromOverage,
        OfferType = Blank(OfferType),
        CampaignId = CampaignId,
        PnlAllocation = Blank(PnlAllocation),
        TransactionType = Blank(TransactionType),
    };

    /// <summary>Writes the given (non-null) values of <paramref name="input"/> onto the form; the rest stays as it is.</summary>
    public PromoCodeForm Fill(PromoCodeInput input)
    {
        if (input.Code is not null) Code = input.Code;
        if (input.Description is not null) Description = input.Description;
        if (input.Display is not null) Display = input.Display;
        if (input.Enabled is bool enabled) Enabled = enabled;
        if (input.GroupId is not null) GroupId = input.GroupId;
        if (input.RedemptionType is { } rt) RedemptionType = rt;
        if (input.ValueType is { } vt) ValueType = vt;
        if (input.Amount is not null) Amount = input.Amount;
        if (input.DiscountLimit is not null) DiscountLimit = input.DiscountLimit;
        if (input.Quantity is not null) (QuantityChoice, Quantity) = (QuantityChoice.Limited, input.Quantity);
        if (input.Combinable is bool combinable) Combinable = combinable;
        if (input.InternalOnly is bool internalOnly) InternalOnly = internalOnly;
        if (input.AllLocations is bool allLocations) AllLocations = allLocations;
        if (input.ApplicableTo is not null) ApplicableTo = [.. input.ApplicableTo];
        if (input.ApplicableGroups is not null) ApplicableGroups = [.. input.ApplicableGroups];
        if (input.ExcludedItems is not null) ExcludedItems = [.. input.ExcludedItems];
        if (input.ExcludedGroups is not null) ExcludedGroups = [.. input.ExcludedGroups];
        if (input.IncludeGiftCards is bool giftCards) IncludeGiftCards = giftCards;
        if (input.ApplyOnlyToApplicable is bool only) ApplyOnlyToApplicable = only;
        if (input.VariantTargetingGroup is not null) VariantTargetingGroup = input.VariantTargetingGroup;
        if (input.PurchaseStart is not null || input.PurchaseEnd is not null)
            (PurchaseDates, PurchaseStart, PurchaseEnd) = (RangeChoice.Between, input.PurchaseStart, input.PurchaseEnd);
        if (input.PurchaseDaysOfWeek is not null) PurchaseDaysOfWeek = [.. input.PurchaseDaysOfWeek];
        if (!string.IsNullOrEmpty(input.PurchaseTimeStart) || !string.IsNullOrEmpty(input.PurchaseTimeEnd))
            (PurchaseTime, PurchaseTimeStart, PurchaseTimeEnd) = (RangeChoice.Between, input.PurchaseTimeStart, input.PurchaseTimeEnd);
        if (input.BookingStart is not null || input.BookingEnd is not null)
            (BookingDates, BookingStart, BookingEnd) = (RangeChoice.Between, input.BookingStart, input.BookingEnd);
        if (!string.IsNullOrEmpty(input.BookingTimeStart) || !string.IsNullOrEmpty(input.BookingTimeEnd))
            (BookingTime, BookingTimeStart, BookingTimeEnd) = (RangeChoice.Between, input.BookingTimeStart, input.BookingTimeEnd);
        if (input.DaysOfWeek is not null) DaysOfWeek = [.. input.DaysOfWeek];
        if (input.ExclusionDates is not null) ExclusionDates = input.ExclusionDates.Select(d => (DateOnly?)d).ToList();
        if (input.EligibilityRules is not null) EligibilityRules = input.EligibilityRules.Select(EligibilityRuleForm.From).ToList();
        if (input.FirstOrderOnly is bool first) FirstOrderOnly = first;
        if (input.OneUsePerAccount is bool once) OneUsePerAccount = once;
        if (input.UsesPerCustomer is not null) (UsesPerCustomer, UsesPerCustomerPeriod) = (input.UsesPerCustomer, input.UsesPerCustomerPeriod ?? UsagePeriod.Ever);
        if (input.OrderMinimum is not null) OrderMinimum = input.OrderMinimum;
        if (input.FreeShipping is bool free) FreeShipping = free;
        if (input.CreditFromOverage is bool credit) CreditFromOverage = credit;
        if (input.OfferType is not null) OfferType = input.OfferType;
        if (input.CampaignId is not null) CampaignId = input.CampaignId;
        if (input.PnlAllocation is not null) PnlAllocation = input.PnlAllocation;
        if (input.TransactionType is not null) TransactionType = input.TransactionType;
        return this;
    }

    public static PromoCodeForm From(PromoCodeDetails details)
    {
        var form = new PromoCodeForm { Id = details.Id }.Fill(details);
        // A stored code says everything: "not given" there means the default, not "keep the form's value".
        form.Quantity = details.Quantity;
        form.QuantityChoice = details.Quantity is null ? QuantityChoice.Unlimited : QuantityChoice.Limited;
        return form;
    }

    /// <summary>The no-JavaScript form keeps one blank date row to type into.</summary>
    public void EnsureBlankExclusionRow()
    {
        ExclusionDates = ExclusionDates.Where(d => d is not null).ToList();
        ExclusionDates.Add(null);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class EligibilityRuleForm
{
    public EligibilityRuleType Type { get; set; } = EligibilityRuleType.MinimumQuantity;
    public int? Minimum { get; set; }
    public int? BuyQuantity { get; set; }
    public int? GetQuantity { get; set; }
    public decimal? GetPercentOff { get; set; }
    public List<string> BuyItems { get; set; } = [];
    public List<string> GetItems { get; set; } = [];

    public EligibilityRuleInput ToInput() => new()
    {
        Type = Type,
        Minimum = Type == EligibilityRuleType.MinimumQuantity ? Minimum : null,
        BuyQuantity = Type == EligibilityRuleType.BuyXGetY ? BuyQuantity : null,
        GetQuantity = Type == EligibilityRuleType.BuyXGetY ? GetQuantity : null,
        GetPercentOff = Type == EligibilityRuleType.BuyXGetY ? GetPercentOff : null,
        BuyItems = Type == EligibilityRuleType.BuyXGetY ? BuyItems.Where(k => !string.IsNullOrWhiteSpace(k)).ToList() : [],
        GetItems = Type == EligibilityRuleType.BuyXGetY ? GetItems.Where(k => !string.IsNullOrWhiteSpace(k)).ToList() : [],
    };

    public static EligibilityRuleForm From(EligibilityRuleInput r) => new()
    {
        Type = r.Type ?? EligibilityRuleType.MinimumQuantity,
        Minimum = r.Minimum,
        BuyQuantity = r.BuyQuantity,
        GetQuantity = r.GetQuantity,
        GetPercentOff = r.GetPercentOff,
        BuyItems = [.. r.BuyItems ?? []],
        GetItems = [.. r.GetItems ?? []],
    };
}
