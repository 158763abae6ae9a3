using CsCheck;
using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Discounts;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Checkout.Rules;

namespace PromoAdmin.UnitTests.Checkout;

/// <summary>
/// Exclusions, gift cards, purchase days and times and budgets over thousands of random carts and codes, each judged by
/// a computation of its own here rather than by the evaluator's helpers.
/// </summary>
public sealed class MoneyRulePropertyTests
{
    private const int Carts = 5_000;
    private static readonly string[] ItemKeys = ["a", "b", "c", "d"];
    private static readonly string[] GroupKeys = ["g1", "g2", CatalogGroups.AllEvents, CatalogGroups.AllItems, CatalogGroups.AllGiftCards];
    private static readonly DayOfWeek[] Days = Enum.GetValues<DayOfWeek>();
    private static readonly DateTimeOffset Tuesday = new(2026, 3, 10, 16, 0, 0, TimeSpan.Zero);

    private static readonly Gen<CartLine> GenLine =
        Gen.Select(Gen.OneOf(ItemKeys), Gen.Enum<ItemKind>(), Gen.Int[0, 20_000], Gen.Int[1, 12], Gen.Int[1, 31], Gen.Int[0, 23],
            Gen.OneOf("g1", "g2").Array[0, 2],
            (key, kind, cents, quantity, day, hour, groups) =>
                new CartLine("", key, kind, cents / 100m, quantity, new DateOnly(2026, 3, day), new TimeOnly(hour, 30)) { Groups = groups.Distinct().ToArray() });

    private static readonly Gen<Cart> GenCart =
        from lines in GenLine.Array[0, 6]
        from shippingCents in Gen.Int[0, 2_000]
        select new Cart { Lines = lines.Select((l, i) => l with { LineId = $"line-{i}" }).ToList(), ShippingFee = shippingCents / 100m };

    private static readonly Gen<EligibilityRule> GenRule = Gen.OneOf<EligibilityRule>(
        Gen.Int[1, 8].Select(min => (EligibilityRule)new MinimumQuantityRule(min)),
        Gen.Select(Gen.Int[1, 3], Gen.Int[1, 2], Gen.Int[0, 100], Gen.OneOf(ItemKeys).Array[0, 2], Gen.OneOf(ItemKeys).Array[0, 2],
            (buy, get, percent, buyItems, getItems) => (EligibilityRule)new BuyXGetYRule(buy, get, percent, buyItems, getItems)));

    private static readonly Gen<PromoCodeRules> GenCode =
        from type in Gen.Enum<RedemptionType>()
        from scope in Gen.Enum<ValueScope>()
        from amountCents in Gen.Int[0, 15_000]
        from limitCents in Gen.Int[0, 10_000].Nullable(0.5)
        from applicableTo in Gen.OneOf(ItemKeys).Array[0, 2]
        from applicableGroups in Gen.OneOf(GroupKeys).Array[0, 2]
        from excludedItems in Gen.OneOf(ItemKeys).Array[0, 2]
        from excludedGroups in Gen.OneOf(GroupKeys).Array[0, 1]
        from giftCards in Gen.Bool
        from onlyApplicable in Gen.Bool
        from rules in GenRule.Array[0, 2]
        from credit in Gen.Bool
        from minimumCents in Gen.Int[0, 40_000].Nullable(0.6)
        from exclusionDays in Gen.Int[1, 31].Array[0, 3]
        from bookingDays in Gen.OneOf(Days).Array[0, 3]
        select new PromoCodeRules
        {
            Code = "PROP",
            TimeZoneId = "UTC",
            RedemptionType = type,
            ValueType = scope,
            Amount = type == RedemptionType.Percentage ? amountCents % 10_001 / 100m : amountCents / 100m,
            DiscountLimit = limitCents / 100m,
            ApplicableTo = applicableTo,
            ApplicableGroups = applicableGroups,
            ExcludedItems = excludedItems,
            ExcludedGroups = excludedGroups,
            IncludeGiftCards = giftCards,
            ApplyOnlyToApplicable = onlyApplicable,
            EligibilityRules = rules,
            CreditFromOverage = credit,
            FreeShipping = credit,
            OrderMinimum = minimumCents / 100m,
            ExclusionDates = exclusionDays.Select(d => new DateOnly(2026, 3, d)).ToArray(),
            DaysOfWeek = bookingDays,
        };

    /// <summary>The contract's words: an excluded item, an item of an excluded group (its own or its kind's), or a gift card unless included.</summary>
    private static bool Excluded(PromoCodeRules code, CartLine line) =>
        code.ExcludedItems.Contains(line.ItemKey)
        || line.Groups.Any(code.ExcludedGroups.Contains)
        || code.ExcludedGroups.Contains(line.Kind switch { ItemKind.Event => "all-events", ItemKind.GiftCard => "all-gift-cards", _ => "all-items" })
        || (line.Kind == ItemKind.GiftCard && !code.IncludeGiftCards);

    private static string Describe(EvaluationResult r) =>
        string.Join(" | ", r.Checks.Select(c => $"{c.Code}:{c.Passed}:{c.Message}"))
        + (r.Discount is { } d ? $" => {d.Total} [{string.Join(", ", d.Lines.Select(l => $"{l.LineId}={l.Amount}"))}] +{d.ShippingDiscount} +{d.CreditFromOverage}" : "");

    [Fact]
    public void Excluded_and_by_default_gift_card_lines_never_get_a_discount_and_the_total_never_passes_what_is_left()
    {
        Gen.Select(GenCode, GenCart).Sample((code, cart) =>
        {
            var worked = DiscountCalculator.Calculate(code, cart, creditsEnabled: true);
            var result = PromoCodeEvaluator.Evaluate(code, cart, new CustomerFacts { Key = "c" }, Tuesday);
            var excluded = cart.Lines.Where(l => Excluded(code, l)).Select(l => l.LineId).ToHashSet();
            var countable = cart.Lines.Where(l => !Excluded(code, l)).Sum(l => l.Subtotal);

            foreach (var discount in new[] { worked, result.Discount }.OfType<Discount>())
            {
                Assert.DoesNotContain(discount.Lines, l => excluded.Contains(l.LineId));
                Assert.True(discount.Total <= countable, $"{discount.Total} > {countable}");
                Assert.True(discount.QualifyingSubtotal <= countable);
            }
            if (code.OrderMinimum is { } minimum)
                Assert.Equal(countable >= minimum, result.Checks.Single(c => c.Reason == RejectionReason.OrderMinimumNotMet).Passed);
        }, iter: Carts);
    }

    /// <summary>The line a code never acts on, made so by one of three means; the code is given the exclusion it needs.</summary>
    private static readonly Gen<(PromoCodeRules Code, Cart Cart, CartLine Line, int At)> WithAnExcludedLine =
        Gen.Select(GenCode, GenCart, GenLine, Gen.Int[0, 2], Gen.Int[0, 6], (code, cart, line, how, at) =>
        {
            line = line with { LineId = "extra" };
            (code, line) = how switch
            {
                0 => (code with { ExcludedItems = [.. code.ExcludedItems, "x"] }, line with { ItemKey = "x" }),
                1 => (code with { ExcludedGroups = [.. code.ExcludedGroups, "gx"] }, line with { Groups = [.. line.Groups, "gx"] }),
                _ => (code with { IncludeGiftCards = false }, line with { Kind = ItemKind.GiftCard }),
            };
            return (code, cart, line, Math.Min(at, cart.Lines.Count));
        });

    private static Cart Adding(Cart cart, CartLine line, int at) =>
        cart with { Lines = [.. cart.Lines.Take(at), line, .. cart.Lines.Skip(at)] };

    [Fact]
    public void Adding_an_excluded_line_changes_neither_the_verdict_nor_any_check_nor_the_discount()
    {
        WithAnExcludedLine.Sample((code, cart, line, at) =>
        {
            var customer = new CustomerFacts { Key = "c" };
            var before = PromoCodeEvaluator.Evaluate(code, cart, customer, Tuesday);
            var after = PromoCodeEvaluator.Evaluate(code, Adding(cart, line, at), customer, Tuesday);

            Assert.Equal(Describe(before), Describe(after));
        }, iter: Carts);
    }

    [Fact]
    public void Without_include_gift_cards_adding_a_gift_card_line_changes_nothing()
    {
        Gen.Select(GenCode, GenCart, Gen.Int[1, 50_000], Gen.Int[1, 5], Gen.Int[0, 6]).Sample((code, cart, cents, quantity, at) =>
        {
            code = code with { IncludeGiftCards = false };
            var gift = new CartLine("gift", "gift-card", ItemKind.GiftCard, cents / 100m, quantity);
            var customer = new CustomerFacts { Key = "c" };

            Assert.Equal(Describe(PromoCodeEvaluator.Evaluate(code, cart, customer, Tuesday)),
                Describe(PromoCodeEvaluator.Evaluate(code, Adding(cart, gift, Math.Min(at, cart.Lines.Count)), customer, Tuesday)));
        }, iter: Carts);
    }

    [Fact]
    public void A_budget_refuses_exactly_the_orders_that_would_give_more_than_is_left()
    {
        Gen.Select(GenCode, GenCart, Gen.Int[0, 20_000], Gen.Int[0, 2].Nullable(0.5)).Sample((code, cart, leftCents, redemptionsLeft) =>
        {
            var given = DiscountCalculator.Calculate(code, cart, creditsEnabled: true).Given;
            var result = PromoCodeEvaluator.Evaluate(code with { Budget = new BudgetLeft(redemptionsLeft, leftCents / 100m) }, cart, CustomerFacts.Guest, Tuesday);

            Assert.Equal(given <= leftCents / 100m && redemptionsLeft is not 0,
                result.Checks.Single(c => c.Reason == RejectionReason.BudgetExhausted).Passed);
        }, iter: Carts);
    }

    private static readonly string[] Zones = ["America/New_York", "Europe/London", "America/Havana", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];

    /// <summary>Any second of 2026, with a third of the draws in the days around a daylight-saving change.</summary>
    private static readonly Gen<DateTimeOffset> GenInstant = Gen.Frequency<DateTimeOffset>(
        (2, Gen.Int[0, 365 * 24 * 3600 - 1].Select(s => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(s))),
        (1, Gen.Select(Gen.OneOf("2026-03-08", "2026-11-01", "2026-03-29", "2026-10-25", "2026-09-06", "2026-04-05", "2026-04-05", "2026-10-04"),
            Gen.Int[-2 * 24 * 3600, 2 * 24 * 3600],
            (day, s) => DateTimeOffset.Parse(day + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddSeconds(s))));

    [Fact]
    public void A_code_with_purchase_days_and_times_is_valid_exactly_when_the_local_moment_is_inside_them()
    {
        var window = Gen.Int[0, 1438].SelectMany(start => Gen.Int[start + 1, 1439].Select(end => (start, end)));
        Gen.Select(GenInstant, Gen.OneOf(Zones), Gen.Int[0, 127], window, Gen.Bool).Sample((at, zone, dayMask, minutes, timed) =>
        {
            var days = Days.Where(d => (dayMask & (1 << (int)d)) != 0).ToArray();
            var code = new PromoCodeRules
            {
                Code = "WINDOW", TimeZoneId = zone, Amount = 10m,
                PurchaseDaysOfWeek = days,
                PurchaseTimeStart = timed ? TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minutes.start)) : null,
                PurchaseTimeEnd = timed ? TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minutes.end)) : null,
            };

            // The local moment by the zone's offset at that instant, added to UTC by hand.
            var local = at.UtcDateTime + TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(at.UtcDateTime);
            var dayAllowed = days.Length is 0 or 7 || days.Contains(local.DayOfWeek);
            var timeAllowed = !timed || (local.TimeOfDay >= TimeSpan.FromMinutes(minutes.start) && local.TimeOfDay < TimeSpan.FromMinutes(minutes.end));
            string[] expected = [.. dayAllowed ? [] : new[] { "purchase_day_not_allowed" }, .. timeAllowed ? [] : new[] { "purchase_time_not_allowed" }];

            var result = PromoCodeEvaluator.Evaluate(code, new Cart { Lines = [new CartLine("1", "a", ItemKind.Item, 10m, 1)] }, CustomerFacts.Guest, at);

            Assert.Equal(expected, result.Errors.Select(e => e.Code));
            Assert.Equal(dayAllowed && timeAllowed, result.IsValid);
        }, iter: Carts);
    }
}
