using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.Lookups;

namespace PromoAdmin.Domain.PromoCodes;

/// <summary>
/// The one validator of a promo code's fields, shared by the API, the forms, group defaults and bulk update.
/// A code is required only where the caller says so (create and edit, not defaults or bulk fields).
/// </summary>
public sealed class PromoCodeInputValidator : AbstractValidator<PromoCodeInput>
{
    public const string RequireCodeKey = "requireCode";

    /// <summary>The input is a whole code's settings (a batch's), where a field not given takes its default.</summary>
    public const string WholeSettingsKey = "wholeSettings";

    /// <summary>Whether "not given" means the default here (a code or a batch, not a bulk update's or a group's partial input).</summary>
    private static bool NotGivenIsDefault<T>(PromoCodeInput x, FluentValidation.ValidationContext<T> ctx) =>
        x.ApplyGroupDefaults != true
        && (ctx.RootContextData.ContainsKey(RequireCodeKey) || ctx.RootContextData.ContainsKey(WholeSettingsKey));

    public PromoCodeInputValidator(PromoAdminDbContext db)
    {
        RuleFor(x => x.Code)
            .NotEmpty().WithMessage("Promo code is required.")
            .When((_, ctx) => ctx.RootContextData.ContainsKey(RequireCodeKey));
        RuleFor(x => x.Code!)
            .Length(3, 64).WithMessage("Promo code must be 3 to 64 characters.")
            .Matches("^[A-Za-z0-9_-]+$").WithMessage("Promo code may contain only letters, digits, '-' and '_'.")
            .When(x => !string.IsNullOrEmpty(x.Code));
        RuleFor(x => x.Description).MaximumLength(1000);
        RuleFor(x => x.Display).MaximumLength(500);

        RuleFor(x => x.RedemptionType).IsInEnum().WithMessage("Redemption type must be percentage or value.");
        RuleFor(x => x.ValueType).IsInEnum().WithMessage("Value type must be perTransaction, perLineItem or perQuantity.");
        RuleFor(x => x.Amount).GreaterThanOrEqualTo(0).WithMessage("Amount cannot be negative.");
        RuleFor(x => x.Amount).LessThanOrEqualTo(Bounds.MaxMoney).WithMessage($"Amount can be at most {Bounds.MaxMoney:N0}.");
        RuleFor(x => x.Amount).LessThanOrEqualTo(100).WithMessage("A percentage discount cannot be more than 100%.")
            .When(x => x.RedemptionType is null or RedemptionType.Percentage);
        RuleFor(x => x.Amount).Must(HasAtMostTwoDecimals).WithMessage("Amount can have at most two decimal places.");
        RuleFor(x => x.DiscountLimit).LessThanOrEqualTo(Bounds.MaxMoney).WithMessage($"Discount limit can be at most {Bounds.MaxMoney:N0}.");
        RuleFor(x => x.DiscountLimit).GreaterThan(0).WithMessage("Discount limit must be more than 0, or left blank for no limit.")
            .Must(HasAtMostTwoDecimals).WithMessage("Discount limit can have at most two decimal places.");
        RuleFor(x => x.DiscountLimit).Null().WithMessage("A discount limit applies only to percentage discounts.")
            .When(x => x.RedemptionType == RedemptionType.Value);
        RuleFor(x => x.CreditFromOverage).NotEqual(true).WithMessage("Credit from overage applies only to value (money off) discounts.")
            .When(x => x.RedemptionType is null or RedemptionType.Percentage);
        RuleFor(x => x.Quantity).GreaterThanOrEqualTo(0).WithMessage("Quantity cannot be negative.")
            .LessThanOrEqualTo(Bounds.MaxQuantity).WithMessage($"Quantity can be at most {Bounds.MaxQuantity:N0}, or left blank for unlimited.");
        RuleFor(x => x.OrderMinimum).LessThanOrEqualTo(Bounds.MaxMoney).WithMessage($"Order minimum can be at most {Bounds.MaxMoney:N0}.");
        RuleFor(x => x.OrderMinimum).GreaterThanOrEqualTo(0).WithMessage("Order minimum cannot be negative.")
            .Must(HasAtMostTwoDecimals).WithMessage("Order minimum can have at most two decimal places.");

        RuleFor(x => x.PurchaseEnd).GreaterThanOrEqualTo(x => x.PurchaseStart!.Value).WithMessage("Purchase end date cannot be before the start date.")
            .When(x => x.PurchaseStart is not null && x.PurchaseEnd is not null);
        RuleFor(x => x.BookingEnd).GreaterThanOrEqualTo(x => x.BookingStart!.Value).WithMessage("Booking end date cannot be before the start date.")
            .When(x => x.BookingStart is not null && x.BookingEnd is not null);
        RuleFor(x => x.BookingTimeStart).Must(t => PromoCodeInput.TryParseTime(t, out _)).WithMessage("Booking start time must be HH:mm.")
            .When(x => !string.IsNullOrEmpty(x.BookingTimeStart));
        RuleFor(x => x.BookingTimeEnd).Must(t => PromoCodeInput.TryParseTime(t, out _)).WithMessage("Booking end time must be HH:mm.")
            .When(x => !string.IsNullOrEmpty(x.BookingTimeEnd));
        RuleFor(x => x.BookingTimeEnd)
            .Must((x, end) => PromoCodeInput.TryParseTime(x.BookingTimeStart, out var s) && PromoCodeInput.TryParseTime(end, out var e) && e > s)
            .WithMessage("Booking end time must be after the start time.")
            .When(x => PromoCodeInput.TryParseTime(x.BookingTimeStart, out _) && PromoCodeInput.TryParseTime(x.BookingTimeEnd, out _));
        RuleFor(x => x.BookingTimeEnd).NotEmpty().WithMessage("Give both a start and an end time, or neither.")
            .When(x => !string.IsNullOrEmpty(x.BookingTimeStart));
        RuleFor(x => x.BookingTimeStart).NotEmpty().WithMessage("Give both a start and an end time, or neither.")
            .When(x => !string.IsNullOrEmpty(x.BookingTimeEnd));
        RuleFor(x => x.PurchaseTimeStart).Must(t => PromoCodeInput.TryParseTime(t, out _)).WithMessage("Purchase start time must be HH:mm.")
            .When(x => !string.IsNullOrEmpty(x.PurchaseTimeStart));
        RuleFor(x => x.PurchaseTimeEnd).Must(t => PromoCodeInput.TryParseTime(t, out _)).WithMessage("Purchase end time must be HH:mm.")
            .When(x => !string.IsNullOrEmpty(x.PurchaseTimeEnd));
        RuleFor(x => x.PurchaseTimeEnd)
            .Must((x, end) => PromoCodeInput.TryParseTime(x.PurchaseTimeStart, out var s) && PromoCodeInput.TryParseTime(end, out var e) && e > s)
            .WithMessage("Purchase end time must be after the start time.")
            .When(x => PromoCodeInput.TryParseTime(x.PurchaseTimeStart, out _) && PromoCodeInput.TryParseTime(x.PurchaseTimeEnd, out _));
        RuleFor(x => x.PurchaseTimeEnd).NotEmpty().WithMessage("Give both a start and an end time, or neither.")
            .When(x => !string.IsNullOrEmpty(x.PurchaseTimeStart));
        RuleFor(x => x.PurchaseTimeStart).NotEmpty().WithMessage("Give both a start and an end time, or neither.")
            .When(x => !string.IsNullOrEmpty(x.PurchaseTimeEnd));
        RuleForEach(x => x.PurchaseDaysOfWeek).Must(d => PromoCodeInput.DayNames.Contains(d?.Trim().ToLowerInvariant()))
            .WithMessage((_, d) => $"'{d}' is not a day of the week; use mon, tue, wed, thu, fri, sat or sun.")
            .OverridePropertyName("purchaseDaysOfWeek");
        RuleFor(x => x.PurchaseDaysOfWeek).Must(l => l is null || l.Count <= 7).WithMessage("Pick at most the seven days of the week.");
        RuleFor(x => x.UsesPerCustomer).GreaterThanOrEqualTo(1).WithMessage("Uses per customer must be at least 1, or left blank for no limit.")
            .LessThanOrEqualTo(Bounds.MaxQuantity).WithMessage($"Uses per customer can be at most {Bounds.MaxQuantity:N0}.");
        RuleFor(x => x.UsesPerCustomerPeriod).IsInEnum().WithMessage("Uses per customer period must be ever, day, week or month.");
        // A period alone would set the number to "no limit" (the two travel together, as a range's ends do).
        RuleFor(x => x.UsesPerCustomer).NotNull().WithMessage("Give the number of uses per customer with its period, or neither.")
            .When(x => x.UsesPerCustomerPeriod is not null);
        RuleFor(x => x.UsesPerCustomer).Null()
            .WithMessage("One use per account already allows one use ever: turn it off to set uses per customer.")
            .When(x => x.OneUsePerAccount == true);
        foreach (var (list, json, label) in new (Func<PromoCodeInput, List<string>?>, string, string)[]
                 { (x => x.ExcludedItems, "excludedItems", "Excluded items"), (x => x.ApplicableGroups, "applicableGroups", "Applicable groups"),
                   (x => x.ExcludedGroups, "excludedGroups", "Excluded groups") })
            RuleFor(x => list(x)).Must(l => l is null || l.Count <= Bounds.MaxListItems)
                .WithMessage($"{label} can hold at most {Bounds.MaxListItems:N0} keys.").OverridePropertyName(json);
        RuleForEach(x => x.DaysOfWeek).Must(d => PromoCodeInput.DayNames.Contains(d?.Trim().ToLowerInvariant()))
            .WithMessage((_, d) => $"'{d}' is not a day of the week; use mon, tue, wed, thu, fri, sat or sun.")
            .OverridePropertyName("daysOfWeek");

        RuleFor(x => x.ApplicableTo).Must(l => l is null || l.Count <= Bounds.MaxListItems).WithMessage($"Applicable to can hold at most {Bounds.MaxListItems:N0} items.");
        RuleForEach(x => x.ApplicableTo).NotEmpty().WithMessage("Applicable to cannot hold an empty item key.").OverridePropertyName("applicableTo");
        RuleFor(x => x.ExclusionDates).Must(l => l is null || l.Count <= Bounds.MaxListItems).WithMessage($"At most {Bounds.MaxListItems:N0} exclusion dates.");
        RuleFor(x => x.DaysOfWeek).Must(l => l is null || l.Count <= 7).WithMessage("Pick at most the seven days of the week.");
        RuleFor(x => x.EligibilityRules).Must(l => l is null || l.Count <= Bounds.MaxEligibilityRules)
            .WithMessage($"A code can have at most {Bounds.MaxEligibilityRules} eligibility rules.");
        RuleForEach(x => x.EligibilityRules).NotNull().WithMessage("An eligibility rule cannot be empty.");
        RuleForEach(x => x.EligibilityRules).ChildRules(rule =>
        {
            rule.RuleFor(r => r.Type).NotNull().WithMessage("Pick a rule type: minimumQuantity or buyXGetY.")
                .IsInEnum().WithMessage("Pick a rule type: minimumQuantity or buyXGetY.");
            rule.RuleFor(r => r.Minimum).NotNull().GreaterThanOrEqualTo(1).WithMessage("The minimum quantity must be at least 1.")
                .LessThanOrEqualTo(Bounds.MaxLineQuantity).WithMessage($"The minimum quantity can be at most {Bounds.MaxLineQuantity:N0}.")
                .When(r => r.Type == EligibilityRuleType.MinimumQuantity);
            rule.RuleFor(r => r.BuyQuantity).NotNull().GreaterThanOrEqualTo(1).WithMessage("Buy quantity must be at least 1.")
                .LessThanOrEqualTo(Bounds.MaxLineQuantity).WithMessage($"Buy quantity can be at most {Bounds.MaxLineQuantity:N0}.")
                .When(r => r.Type == EligibilityRuleType.BuyXGetY);
            rule.RuleFor(r => r.GetQuantity).NotNull().GreaterThanOrEqualTo(1).WithMessage("Get quantity must be at least 1.")
                .LessThanOrEqualTo(Bounds.MaxLineQuantity).WithMessage($"Get quantity can be at most {Bounds.MaxLineQuantity:N0}.")
                .When(r => r.Type == EligibilityRuleType.BuyXGetY);
            // Empty is 100 (a free item), as the form's placeholder says; the mapping stores it so.
            rule.RuleFor(r => r.GetPercentOff).InclusiveBetween(1, 100).WithMessage("Get percent off must be between 1 and 100.")
                .Must(HasAtMostTwoDecimals).WithMessage("Get percent off can have at most two decimal places.")
                .When(r => r.Type == EligibilityRuleType.BuyXGetY);
            rule.RuleFor(r => r.BuyItems).Must(l => l is null || l.Count <= Bounds.MaxListItems).WithMessage($"At most {Bounds.MaxListItems:N0} buy items.");
            rule.RuleFor(r => r.GetItems).Must(l => l is null || l.Count <= Bounds.MaxListItems).WithMessage($"At most {Bounds.MaxListItems:N0} get items.");
        }).When(x => x.EligibilityRules is null || x.EligibilityRules.All(r => r is not null));

        // References, checked in the database.
        RuleFor(x => x.GroupId).MustAsync(async (id, ct) => await db.PromoCodeGroups.AnyAsync(g => g.Id == id, ct))
            .WithMessage(x => $"Promo code group {x.GroupId} does not exist.").When(x => x.GroupId is not null);
        RuleFor(x => x.CampaignId).MustAsync(async (id, ct) => await db.Campaigns.AnyAsync(c => c.Id == id, ct))
            .WithMessage(x => $"Marketing campaign {x.CampaignId} does not exist.").When(x => x.CampaignId is not null);
        RuleFor(x => x.VariantTargetingGroup).MustAsync(async (name, ct) => await db.VariantTargetingGroups.AnyAsync(g => g.Name == name, ct))
            .WithMessage(x => $"Variant targeting group '{x.VariantTargetingGroup}' does not exist.").When(x => !string.IsNullOrEmpty(x.VariantTargetingGroup));
        RuleFor(x => x.OfferType).MustAsync((v, ct) => LookupExists(db, LookupKind.OfferType, v, ct))
            .WithMessage(x => $"Offer type '{x.OfferType}' does not exist.").When(x => !string.IsNullOrEmpty(x.OfferType));
        RuleFor(x => x.PnlAllocation).MustAsync((v, ct) => LookupExists(db, LookupKind.PnlAllocation, v, ct))
            .WithMessage(x => $"P&L allocation '{x.PnlAllocation}' does not exist.").When(x => !string.IsNullOrEmpty(x.PnlAllocation));
        RuleFor(x => x.TransactionType).MustAsync((v, ct) => LookupExists(db, LookupKind.TransactionType, v, ct))
            .WithMessage(x => $"Transaction type '{x.TransactionType}' does not exist.").When(x => !string.IsNullOrEmpty(x.TransactionType));
        RuleFor(x => x.LocationKey).MustAsync((key, ct) => LocationService.ExistsAsync(db, key, ct))
            .WithMessage(x => LocationService.UnknownMessage(x.LocationKey)).When(x => !string.IsNullOrEmpty(x.LocationKey));
        RuleFor(x => x.DuplicateTo).CustomAsync(async (keys, ctx, ct) =>
        {
            if (keys is not { Count: > 0 }) return;
            var known = await db.Locations.Where(l => keys.Contains(l.Key)).Select(l => l.Key).ToListAsync(ct);
            var missing = keys.Except(known).ToList();
            if (missing.Count > 0) ctx.AddFailure("duplicateTo", $"Unknown location keys: {string.Join(", ", missing)}.");
        });
        RuleFor(x => x).CustomAsync(async (x, ctx, ct) =>
        {
            foreach (var (field, groups) in new[] { ("applicableGroups", x.ApplicableGroups), ("excludedGroups", x.ExcludedGroups) })
            {
                var wanted = (groups ?? []).Where(k => !string.IsNullOrWhiteSpace(k) && !CatalogGroupKey.IsBuiltIn(k.Trim())).Select(k => k.Trim()).Distinct().ToList();
                if (wanted.Count == 0) continue;
                var known = await db.VariantTargetingGroups.AsNoTracking().Where(g => wanted.Contains(g.Key)).Select(g => g.Key).ToListAsync(ct);
                var unknownGroups = wanted.Except(known).ToList();
                if (unknownGroups.Count > 0) ctx.AddFailure(field, $"Unknown catalog groups: {string.Join(", ", unknownGroups)}.");
            }
            if (x.ApplicableGroups?.Contains(PromoAdmin.Checkout.Carts.CatalogGroups.AllGiftCards) == true && x.IncludeGiftCards != true
                && (x.IncludeGiftCards == false || NotGivenIsDefault(x, ctx)))
                ctx.AddFailure("includeGiftCards", "Applicable groups name every gift card type: turn on \"Applies to gift cards\", or remove the group.");
        });
        RuleFor(x => x).CustomAsync(async (x, ctx, ct) =>
        {
            var keys = (x.ApplicableTo ?? []).Concat(x.ExcludedItems ?? []).Concat((x.EligibilityRules ?? []).Where(r => r is not null).SelectMany(r => (r.BuyItems ?? []).Concat(r.GetItems ?? []))).Distinct().ToList();
            if (keys.Count == 0)
                return;
            var items = await db.CatalogItems.AsNoTracking().Where(i => keys.Contains(i.Key)).Select(i => new { i.Key, i.Kind }).ToListAsync(ct);
            var missing = (x.ApplicableTo ?? []).Except(items.Select(i => i.Key)).ToList();
            if (missing.Count > 0) ctx.AddFailure("applicableTo", $"Unknown catalog items: {string.Join(", ", missing)}.");
            var missingExcluded = (x.ExcludedItems ?? []).Except(items.Select(i => i.Key)).ToList();
            if (missingExcluded.Count > 0) ctx.AddFailure("excludedItems", $"Unknown catalog items: {string.Join(", ", missingExcluded)}.");
            var missingRuleItems = keys.Except(x.ApplicableTo ?? []).Except(x.ExcludedItems ?? []).Except(items.Select(i => i.Key)).ToList();
            if (missingRuleItems.Count > 0) ctx.AddFailure("eligibilityRules", $"Unknown catalog items in eligibility rules: {string.Join(", ", missingRuleItems)}.");
            // Gift cards are left out unless the code includes them: naming one without that would never apply.
            var giftCards = items.Where(i => i.Kind == CatalogItemKind.GiftCard && (x.ApplicableTo ?? []).Contains(i.Key)).Select(i => i.Key).ToList();
            if (giftCards.Count > 0 && x.IncludeGiftCards != true && (x.IncludeGiftCards == false || NotGivenIsDefault(x, ctx)))
                ctx.AddFailure("includeGiftCards", $"Applicable to names gift cards ({string.Join(", ", giftCards)}): turn on \"Applies to gift cards\", or remove them.");
            if (x.HasBookingRules && x.ApplicableTo is { Count: > 0 } && x.ApplicableGroups is not { Count: > 0 } && missing.Count == 0
                && !items.Any(i => x.ApplicableTo.Contains(i.Key) && i.Kind == CatalogItemKind.Event))
                ctx.AddFailure("applicableTo", "Booking dates, times, days and exclusion dates apply to events: add an event to Applicable to, or remove the booking rules.");
        });
    }

    private static bool HasAtMostTwoDecimals(decimal? value) => value is null || value.Value == Math.Round(value.Value, 2);

    private static async Task<bool> LookupExists(PromoAdminDbContext db, LookupKind kind, string? name, CancellationToken ct) =>
        await db.Lookups.AnyAsync(l => l.Kind == kind && l.Name == name, ct);
}
