using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Rules;
using static PromoAdmin.UnitTests.Checkout.Given;

namespace PromoAdmin.UnitTests.Checkout;

/// <summary>Excluded items and groups, applicable groups and gift cards: which lines a code acts on and counts.</summary>
public sealed class ExclusionTests
{
    private static readonly PromoCodeRules NoMugs = Code() with { ExcludedItems = ["mug"] };

    private static CartLine Gift(string lineId, decimal price, int quantity = 1, string itemKey = "gift-50") =>
        new(lineId, itemKey, ItemKind.GiftCard, price, quantity);

    /// <summary>A mug (excluded below) and a poster, under each way a code can give its amount.</summary>
    public static TheoryData<string, PromoCodeRules, decimal> EveryWayOfGiving() => new()
    {
        { "percent per line", NoMugs, 4m },
        { "value per transaction", NoMugs with { RedemptionType = RedemptionType.Value, ValueType = ValueScope.PerTransaction, Amount = 45m }, 40m },
        { "value per line", NoMugs with { RedemptionType = RedemptionType.Value, ValueType = ValueScope.PerLineItem, Amount = 5m }, 5m },
        { "value per unit", NoMugs with { RedemptionType = RedemptionType.Value, ValueType = ValueScope.PerQuantity, Amount = 2m }, 2m },
        { "percent of the whole order", NoMugs with { ApplicableTo = ["poster"], ApplyOnlyToApplicable = false }, 4m },
        { "value on the whole order", NoMugs with
            { RedemptionType = RedemptionType.Value, ValueType = ValueScope.PerTransaction, Amount = 100m, ApplyOnlyToApplicable = false }, 40m },
        { "buy 1 get 1 free", NoMugs with { Amount = 0m, EligibilityRules = [new BuyXGetYRule(1, 1)] }, 0m },
    };

    [Theory]
    [MemberData(nameof(EveryWayOfGiving))]
    public void An_excluded_item_is_never_discounted(string way, PromoCodeRules code, decimal expected)
    {
        var result = Evaluate(code, Cart(Item("m", 10m, itemKey: "mug"), Item("p", 40m, itemKey: "poster")));

        Assert.Equal(expected == 0m ? ["eligibility_rule_not_met"] : [], result.ErrorCodes());
        if (expected == 0m) return;
        Assert.True(result.Discount!.Lines.Select(l => l.LineId).SequenceEqual(["p"]), way);
        Assert.Equal(expected, result.Discount.Total);
        Assert.Equal(40m, result.Discount.QualifyingSubtotal);
    }

    [Theory]
    [InlineData("40.00", true)]
    [InlineData("40.01", false)]
    public void Excluded_items_do_not_count_toward_the_order_minimum(string minimum, bool valid)
    {
        var code = NoMugs with { OrderMinimum = decimal.Parse(minimum, System.Globalization.CultureInfo.InvariantCulture) };

        var result = Evaluate(code, Cart(Item("m", 30m, itemKey: "mug"), Item("p", 40m, itemKey: "poster")));

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal(["order_minimum_not_met"], result.ErrorCodes());
            Assert.Equal("Spend at least 40.01 to use this code; the order subtotal is 40.00.", result.Errors[0].Message);
        }
    }

    [Theory]
    [InlineData(2, 2, false)] // 4 units, 2 of them mugs
    [InlineData(9, 2, false)]
    [InlineData(0, 3, true)]
    [InlineData(5, 3, true)]
    public void Excluded_items_do_not_count_toward_a_minimum_quantity(int mugs, int posters, bool valid)
    {
        var code = NoMugs with { EligibilityRules = [new MinimumQuantityRule(3)] };
        List<CartLine> lines = [Item("p", 5m, posters, itemKey: "poster")];
        if (mugs > 0) lines.Add(Item("m", 5m, mugs, itemKey: "mug"));

        var result = Evaluate(code, Cart([.. lines]));

        Assert.Equal(valid, result.IsValid);
        if (!valid) Assert.Contains($"the cart has {posters}.", result.Errors[0].Message);
    }

    [Theory]
    [InlineData(new string[0], 1, false)]        // the mugs cannot be the "buy" units of any pool
    [InlineData(new[] { "mug" }, 3, false)]      // not even when the rule names them
    [InlineData(new string[0], 2, true)]         // two posters make the set on their own
    public void Excluded_items_do_not_count_toward_buy_x(string[] buyItems, int posters, bool valid)
    {
        var code = NoMugs with { Amount = 0m, EligibilityRules = [new BuyXGetYRule(1, 1, 100m, buyItems, [])] };

        var result = Evaluate(code, Cart(Item("m", 5m, 4, itemKey: "mug"), Item("p", 8m, posters, itemKey: "poster")));

        Assert.Equal(valid, result.IsValid);
        if (valid) Assert.Equal(8m, result.Discount!.Total);
        else Assert.Equal(["eligibility_rule_not_met"], result.ErrorCodes());
    }

    [Fact]
    public void A_whole_order_code_still_skips_excluded_items()
    {
        var code = NoMugs with { ApplicableTo = ["poster"], ApplyOnlyToApplicable = false };

        var result = Evaluate(code, Cart(Item("m", 10m, itemKey: "mug"), Item("p", 40m, itemKey: "poster"), Item("s", 10m, itemKey: "sticker")));

        Assert.Equal(["p", "s"], result.Discount!.Lines.Select(l => l.LineId));
        Assert.Equal(5m, result.Discount.Total);
    }

    [Fact]
    public void A_cart_of_excluded_items_only_has_no_applicable_items()
    {
        Assert.Equal(["no_applicable_items"], Evaluate(NoMugs, Cart(Item("m", 10m, itemKey: "mug"))).ErrorCodes());
        Assert.Equal(["no_applicable_items"], Evaluate(NoMugs with { ApplicableTo = ["mug"] }, Cart(Item("m", 10m, itemKey: "mug"), Item("p", 40m, itemKey: "poster"))).ErrorCodes());
    }

    [Fact]
    public void The_exclusion_dates_message_names_only_the_dates_of_events_the_code_acts_on()
    {
        var code = Code() with { ExclusionDates = [Saturday, Sunday], ExcludedItems = ["laser-tag"] };

        var result = Evaluate(code, Cart(Event("1", Saturday), Event("2", Sunday, itemKey: "laser-tag")));

        Assert.Equal(["booking_date_excluded"], result.ErrorCodes());
        Assert.Equal("This code can't be used for events on 14 Mar 2026.", result.Errors[0].Message);
    }

    /// <summary>
    /// One cart, many codes: a VIP escape room (group vip-rooms), a laser tag event (no group), a mug (group merch) and a
    /// gift card. <paramref name="expected"/> lists the lines discounted; empty means no applicable items.
    /// </summary>
    [Theory]
    [InlineData("", "", "", "", false, "vault,laser,mug")]
    [InlineData("", "", "", "", true, "vault,laser,mug,gift")]
    [InlineData("", "vip-rooms", "", "", false, "vault")]
    [InlineData("", "all-events", "", "", false, "vault,laser")]
    [InlineData("", "all-items", "", "", false, "mug")]
    [InlineData("", "all-gift-cards", "", "", true, "gift")]
    [InlineData("", "all-gift-cards", "", "", false, "")]          // gift cards left out unless included
    [InlineData("mug", "vip-rooms", "", "", false, "vault,mug")]   // items and groups together: either qualifies
    [InlineData("laser-tag", "merch", "", "", false, "laser,mug")]
    [InlineData("", "vip-rooms,merch", "", "", false, "vault,mug")]
    [InlineData("", "", "vip-rooms", "", false, "laser,mug")]
    [InlineData("", "", "all-events", "", false, "mug")]
    [InlineData("", "", "all-items", "", true, "vault,laser,gift")]
    [InlineData("", "", "all-gift-cards", "", true, "vault,laser,mug")]
    [InlineData("", "all-events", "vip-rooms", "", false, "laser")] // exclusion wins over a group
    [InlineData("escape-vault", "", "vip-rooms", "", false, "")]    // and over an item
    [InlineData("", "merch", "", "mug", false, "")]
    [InlineData("", "unknown-group", "", "", false, "")]
    public void Groups_are_matched_on_the_lines_groups_and_their_kinds(
        string applicableTo, string applicableGroups, string excludedGroups, string excludedItems, bool includeGiftCards, string expected)
    {
        static string[] List(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var code = Code() with
        {
            ApplicableTo = List(applicableTo), ApplicableGroups = List(applicableGroups), ExcludedGroups = List(excludedGroups),
            ExcludedItems = List(excludedItems), IncludeGiftCards = includeGiftCards,
        };
        var cart = Cart(
            Event("vault", Saturday, unitPrice: 30m, itemKey: "escape-vault") with { Groups = ["vip-rooms"] },
            Event("laser", Saturday, unitPrice: 20m, itemKey: "laser-tag"),
            Item("mug", 10m) with { Groups = ["merch"] },
            Gift("gift", 50m));

        var result = Evaluate(code, cart);

        if (expected.Length == 0)
        {
            Assert.Equal(["no_applicable_items"], result.ErrorCodes());
            return;
        }
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(List(expected), result.Discount!.Lines.Select(l => l.LineId));
    }

    [Fact]
    public void Items_of_an_excluded_group_do_not_count_toward_the_order_minimum()
    {
        var code = Code() with { ExcludedGroups = ["merch"], OrderMinimum = 30m };

        var result = Evaluate(code, Cart(Item("mug", 25m) with { Groups = ["merch"] }, Item("p", 20m, itemKey: "poster")));

        Assert.Equal(["order_minimum_not_met"], result.ErrorCodes());
        Assert.Contains("the order subtotal is 20.00", result.Errors[0].Message);
    }

    [Fact]
    public void By_default_a_gift_card_line_is_not_discounted_and_not_counted_toward_minimums()
    {
        var cart = Cart(Item("mug", 10m), Gift("gift", 50m));

        var percent = Evaluate(Code(), cart);
        Assert.Equal(["mug"], percent.Discount!.Lines.Select(l => l.LineId));
        Assert.Equal(1m, percent.Discount.Total);

        var money = Evaluate(ValueCode(20m, ValueScope.PerTransaction), cart);
        Assert.Equal(10m, money.Discount!.Total); // the gift card takes none of the 20.00

        var minimum = Evaluate(Code() with { OrderMinimum = 50m }, cart);
        Assert.Equal(["order_minimum_not_met"], minimum.ErrorCodes());
        Assert.Contains("the order subtotal is 10.00", minimum.Errors[0].Message);

        Assert.Equal(["eligibility_rule_not_met"], Evaluate(Code() with { EligibilityRules = [new MinimumQuantityRule(2)] }, cart).ErrorCodes());
        Assert.Equal(["no_applicable_items"], Evaluate(Code(), Cart(Gift("gift", 50m))).ErrorCodes());
    }

    [Fact]
    public void A_code_that_includes_gift_cards_discounts_them_and_counts_them()
    {
        var code = Code() with { IncludeGiftCards = true };
        var cart = Cart(Item("mug", 10m), Gift("gift", 50m));

        var percent = Evaluate(code, cart);
        Assert.Equal(["mug", "gift"], percent.Discount!.Lines.Select(l => l.LineId));
        Assert.Equal(6m, percent.Discount.Total);

        Assert.True(Evaluate(code with { OrderMinimum = 60m }, cart).IsValid);
        Assert.True(Evaluate(code with { EligibilityRules = [new MinimumQuantityRule(2)] }, cart).IsValid);
        Assert.True(Evaluate(code, Cart(Gift("gift", 50m))).IsValid);
    }
}
