namespace PromoAdmin.Domain.PromoCodes;

/// <summary>Between the input shape and the entity; the one place that knows each field's default.</summary>
public static class PromoCodeMapping
{
    /// <summary>Writes every setting of <paramref name="input"/> onto <paramref name="code"/> (a full replace: not given = default).</summary>
    public static void ApplySettings(PromoCode code, PromoCodeInput input, int? variantTargetingGroupId)
    {
        code.Description = Blank(input.Description);
        code.Display = Blank(input.Display);
        code.Enabled = input.Enabled ?? true;
        code.GroupId = input.GroupId;
        code.RedemptionType = input.RedemptionType ?? RedemptionType.Percentage;
        code.ValueType = input.ValueType ?? ValueScope.PerLineItem;
        code.Amount = input.Amount ?? 0;
        code.DiscountLimit = code.RedemptionType == RedemptionType.Percentage ? input.DiscountLimit : null;
        code.Inventory ??= new PromoCodeInventory();
        code.Inventory.Quantity = input.Quantity;
        code.Combinable = input.Combinable ?? false;
        code.InternalOnly = input.InternalOnly ?? false;
        code.AllLocations = input.AllLocations ?? false;
        code.ApplicableTo = (input.ApplicableTo ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList();
        code.ApplicableGroups = Keys(input.ApplicableGroups);
        code.ExcludedItems = Keys(input.ExcludedItems);
        code.ExcludedGroups = Keys(input.ExcludedGroups);
        code.IncludeGiftCards = input.IncludeGiftCards ?? false;
        code.ApplyOnlyToApplicable = input.ApplyOnlyToApplicable ?? true;
        code.VariantTargetingGroupId = variantTargetingGroupId;
        code.PurchaseStart = input.PurchaseStart;
        code.PurchaseEnd = input.PurchaseEnd;
        code.PurchaseDaysOfWeek = PromoCodeInput.ParseDays(input.PurchaseDaysOfWeek);
        code.PurchaseTimeStart = PromoCodeInput.TryParseTime(input.PurchaseTimeStart, out var ps) ? ps : null;
        code.PurchaseTimeEnd = PromoCodeInput.TryParseTime(input.PurchaseTimeEnd, out var pe) ? pe : null;
        code.BookingStart = input.BookingStart;
        code.BookingEnd = input.BookingEnd;
        code.BookingTimeStart = PromoCodeInput.TryParseTime(input.BookingTimeStart, out var s) ? s : null;
        code.BookingTimeEnd = PromoCodeInput.TryParseTime(input.BookingTimeEnd, out var e) ? e : null;
        code.DaysOfWeek = PromoCodeInput.ParseDays(input.DaysOfWeek);
        code.ExclusionDates = (input.ExclusionDates ?? []).Distinct().Order().ToList();
        code.EligibilityRules = (input.EligibilityRules ?? []).Select(r => new EligibilityRule
        {
            Type = r.Type ?? EligibilityRuleType.MinimumQuantity,
            Minimum = r.Type == EligibilityRuleType.MinimumQuantity ? r.Minimum : null,
            BuyQuantity = r.Type == EligibilityRuleType.BuyXGetY ? r.BuyQuantity : null,
            GetQuantity = r.Type == EligibilityRuleType.BuyXGetY ? r.GetQuantity : null,
            GetPercentOff = r.Type == EligibilityRuleType.BuyXGetY ? r.GetPercentOff ?? 100 : null,
            BuyItems = r.BuyItems ?? [],
            GetItems = r.GetItems ?? [],
        }).ToList();
        code.FirstOrderOnly = input.FirstOrderOnly ?? false;
        code.OneUsePerAccount = input.OneUsePerAccount ?? false;
        code.UsesPerCustomer = input.UsesPerCustomer;
        code.UsesPerCustomerPeriod = input.UsesPerCustomer is null ? UsagePeriod.Ever : input.UsesPerCustomerPeriod ?? UsagePeriod.Ever;
        code.OrderMinimum = input.OrderMinimum;
        code.FreeShipping = input.FreeShipping ?? false;
        code.CreditFromOverage = code.RedemptionType == RedemptionType.Value && (input.CreditFromOverage ?? false);
        code.OfferType = Blank(input.OfferType);
        code.CampaignId = input.CampaignId;
        code.PnlAllocation = Blank(input.PnlAllocation);
        code.TransactionType = Blank(input.TransactionType);
    }

    /// <summary>Copies a code's settings (not its text, location, usage or batch) onto a new code.</summary>
    public static PromoCode CopySettings(PromoCode source, int locationId, string codeText, DateTimeOffset now) => new()
    {
        LocationId = locationId, Code = codeText, NormalizedCode = PromoCode.Normalize(codeText),
        Description = source.Description, Display = source.Display, Enabled = source.Enabled, GroupId = source.GroupId,
        CampaignId = source.CampaignId, RedemptionType = source.RedemptionType, ValueType = source.ValueType, Amount = source.Amount,
        DiscountLimit = source.DiscountLimit, Inventory = new PromoCodeInventory { Quantity = source.Inventory.Quantity }, Combinable = source.Combinable, InternalOnly = source.InternalOnly,
        AllLocations = source.AllLocations, ApplicableTo = [.. source.ApplicableTo], ApplyOnlyToApplicable = source.ApplyOnlyToApplicable,
        ApplicableGroups = [.. source.ApplicableGroups], ExcludedItems = [.. source.ExcludedItems], ExcludedGroups = [.. source.ExcludedGroups],
        IncludeGiftCards = source.IncludeGiftCards, PurchaseDaysOfWeek = source.PurchaseDaysOfWeek, PurchaseTimeStart = source.PurchaseTimeStart,
        PurchaseTimeEnd = source.PurchaseTimeEnd, UsesPerCustomer = source.UsesPerCustomer, UsesPerCustomerPeriod = source.UsesPerCustomerPeriod,
        VariantTargetingGroupId = source.VariantTargetingGroupId, PurchaseStart = source.PurchaseStart, PurchaseEnd = source.PurchaseEnd,
        BookingStart = source.BookingStart, BookingEnd = source.BookingEnd, BookingTimeStart = source.BookingTimeStart,
        BookingTimeEnd = source.BookingTimeEnd, DaysOfWeek = source.DaysOfWeek, ExclusionDates = [.. source.ExclusionDates],
        EligibilityRules = source.EligibilityRules.Select(r => r with { BuyItems = [.. r.BuyItems], GetItems = [.. r.GetItems] }).ToList(),
        FirstOrderOnly = source.FirstOrderOnly, OneUsePerAccount = source.OneUsePerAccount, OrderMinimum = source.OrderMinimum,
        FreeShipping = source.FreeShipping, CreditFromOverage = source.CreditFromOverage, OfferType = source.OfferType,
        PnlAllocation = source.PnlAllocation, TransactionType = source.TransactionType, CreatedAt = now, UpdatedAt = now,
    };

    public static PromoCodeDetails ToDetails(PromoCode c, string locationKey, string? locationName, string? variantTargetingGroup, string? assignedCustomerKey) => new()
    {
        Id = c.Id, Code = c.Code, LocationKey = locationKey, LocationName = locationName, Description = c.Description, Display = c.Display,
        Enabled = c.Enabled, GroupId = c.GroupId, RedemptionType = c.RedemptionType, ValueType = c.ValueType, Amount = c.Amount,
        DiscountLimit = c.DiscountLimit, Quantity = c.Inventory.Quantity, Combinable = c.Combinable, InternalOnly = c.InternalOnly,
        AllLocations = c.AllLocations, ApplicableTo = c.ApplicableTo, ApplyOnlyToApplicable = c.ApplyOnlyToApplicable,
        ApplicableGroups = c.ApplicableGroups, ExcludedItems = c.ExcludedItems, ExcludedGroups = c.ExcludedGroups, IncludeGiftCards = c.IncludeGiftCards,
        PurchaseDaysOfWeek = PromoCodeInput.FormatDays(c.PurchaseDaysOfWeek), PurchaseTimeStart = PromoCodeInput.FormatTime(c.PurchaseTimeStart),
        PurchaseTimeEnd = PromoCodeInput.FormatTime(c.PurchaseTimeEnd), UsesPerCustomer = c.UsesPerCustomer,
        UsesPerCustomerPeriod = c.UsesPerCustomer is null ? null : c.UsesPerCustomerPeriod,
        VariantTargetingGroup = variantTargetingGroup, PurchaseStart = c.PurchaseStart, PurchaseEnd = c.PurchaseEnd,
        BookingStart = c.BookingStart, BookingEnd = c.BookingEnd, BookingTimeStart = PromoCodeInput.FormatTime(c.BookingTimeStart),
        BookingTimeEnd = PromoCodeInput.FormatTime(c.BookingTimeEnd), DaysOfWeek = PromoCodeInput.FormatDays(c.DaysOfWeek),
        ExclusionDates = c.ExclusionDates, EligibilityRules = c.EligibilityRules.Select(r => new EligibilityRuleInput
        {
            Type = r.Type, Minimum = r.Minimum, BuyQuantity = r.BuyQuantity, GetQuantity = r.GetQuantity, GetPercentOff = r.GetPercentOff,
            BuyItems = r.BuyItems, GetItems = r.GetItems,
        }).ToList(),
        FirstOrderOnly = c.FirstOrderOnly, OneUsePerAccount = c.OneUsePerAccount, OrderMinimum = c.OrderMinimum, FreeShipping = c.FreeShipping,
        CreditFromOverage = c.CreditFromOverage, OfferType = c.OfferType, CampaignId = c.CampaignId, PnlAllocation = c.PnlAllocation,
        TransactionType = c.TransactionType, TimesUsed = c.Inventory.TimesUsed, Archived = c.IsArchived, BatchId = c.BatchId,
        AssignedCustomerKey = assignedCustomerKey, CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt,
    };

    /// <summary>Trimmed, without blanks or repeats, in the order given.</summary>
    public static List<string> Keys(IEnumerable<string>? keys) =>
        (keys ?? []).Where(k => k is not null).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
