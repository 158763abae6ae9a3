using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Discounts;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Checkout.Rules;
using static PromoAdmin.UnitTests.Checkout.Given;

namespace PromoAdmin.UnitTests.Checkout;

public sealed class DiscountTests
{
    private static Discount DiscountOf(PromoCodeRules code, Cart cart, bool creditsEnabled = true)
    {
        var result = Evaluate(code, cart, CustomerFacts.Guest with { CreditsEnabled = creditsEnabled });
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        var discount = result.Discount!;
        Assert.Equal(discount.Total, discount.Lines.Sum(l => l.Amount));
        return discount;
    }

    private static decimal Line(Discount discount, string lineId) => discount.Lines.Single(l => l.LineId == lineId).Amount;

    [Fact]
    public void Percentage_takes_the_percent_of_each_qualifying_line()
    {
        var discount = DiscountOf(Code() with { Amount = 20m }, Cart(Item("a", 12.50m, 2), Item("b", 4m)));

        Assert.Equal(5m, Line(discount, "a"));
        Assert.Equal(0.80m, Line(discount, "b"));
        Assert.Equal(5.80m, discount.Total);
        Assert.Equal(29m, discount.QualifyingSubtotal);
    }

    [Theory]
    [InlineData("0.10", "0.02")] // 0.015
    [InlineData("0.30", "0.05")] // 0.045
    [InlineData("0.70", "0.11")] // 0.105
    [InlineData("0.20", "0.03")] // 0.03
    public void Percentages_round_each_line_to_cents_half_away_from_zero(string price, string expected)
    {
        var discount = DiscountOf(Code() with { Amount = 15m }, Cart(Item("a", decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), discount.Total);
    }

    [Fact]
    public void Rounding_happens_per_line_not_on_the_order_total()
    {
        var discount = DiscountOf(Code() with { Amount = 15m }, Cart(Item("a", 0.10m), Item("b", 0.10m), Item("c", 0.10m)));

        Assert.Equal([0.02m, 0.02m, 0.02m], discount.Lines.Select(l => l.Amount));
        Assert.Equal(0.06m, discount.Total);
    }

    [Fact]
    public void Only_applicable_lines_are_discounted_when_the_code_is_limited_to_them()
    {
        var discount = DiscountOf(Code() with { ApplicableTo = ["mug"] }, Cart(Item("a", 10m), Item("b", 50m, itemKey: "poster")));

        Assert.Equal(["a"], discount.Lines.Select(l => l.LineId));
        Assert.Equal(1m, discount.Total);
    }

    [Fact]
    public void Without_only_apply_to_applicable_the_percent_covers_the_whole_order_spread_over_its_lines()
    {
        var code = Code() with { Amount = 15m, ApplicableTo = ["mug"], ApplyOnlyToApplicable = false };

        var discount = DiscountOf(code, Cart(Item("a", 10m), Item("b", 0.05m, itemKey: "sticker")));

        Assert.Equal(1.51m, discount.Total); // 15% of 10.05 = 1.5075
        Assert.Equal(1.50m, Line(discount, "a"));
        Assert.Equal(0.01m, Line(discount, "b"));
        Assert.Equal(10.05m, discount.QualifyingSubtotal);
    }

    [Fact]
    public void Whole_order_codes_still_need_an_applicable_item()
    {
        var code = Code() with { ApplicableTo = ["mug"], ApplyOnlyToApplicable = false };

        Assert.Equal(["no_applicable_items"], Evaluate(code, Cart(Item("b", 10m, itemKey: "sticker"))).ErrorCodes());
    }

    [Fact]
    public void Discount_limit_caps_the_percentage_total_and_lines_still_sum_to_it()
    {
        var code = Code() with { Amount = 20m, DiscountLimit = 25m };

        var discount = DiscountOf(code, Cart(Item("a", 100m), Item("b", 200m)));

        Assert.Equal(25m, discount.Total);
        Assert.Equal(8.33m, Line(discount, "a"));
        Assert.Equal(16.67m, Line(discount, "b"));
    }

    [Fact]
    public void A_discount_limit_above_the_discount_changes_nothing()
    {
        var discount = DiscountOf(Code() with { Amount = 20m, DiscountLimit = 100m }, Cart(Item("a", 100m)));

        Assert.Equal(20m, discount.Total);
    }

    [Fact]
    public void Per_transaction_value_applies_once_spread_over_qualifying_lines()
    {
        var discount = DiscountOf(ValueCode(15m, ValueScope.PerTransaction), Cart(Item("a", 10m), Item("b", 20m)));

        Assert.Equal(15m, discount.Total);
        Assert.Equal(5m, Line(discount, "a"));
        Assert.Equal(10m, Line(discount, "b"));
        Assert.Equal(0m, discount.CreditFromOverage);
    }

    [Fact]
    public void Per_line_item_value_applies_to_each_line_capped_at_its_subtotal()
    {
        var discount = DiscountOf(ValueCode(5m, ValueScope.PerLineItem), Cart(Item("a", 10m, 2), Item("b", 3m)));

        Assert.Equal(5m, Line(discount, "a"));
        Assert.Equal(3m, Line(discount, "b"));
        Assert.Equal(8m, discount.Total);
    }

    [Fact]
    public void Per_quantity_value_applies_per_unit_capped_at_the_line_subtotal()
    {
        var discount = DiscountOf(ValueCode(2m, ValueScope.PerQuantity), Cart(Event("a", Saturday, unitPrice: 10m, quantity: 3), Item("b", 1.50m, 2)));

        Assert.Equal(6m, Line(discount, "a"));
        Assert.Equal(3m, Line(discount, "b"));
        Assert.Equal(9m, discount.Total);
    }

    [Fact]
    public void Unused_value_becomes_credit_when_the_code_and_the_account_allow_it()
    {
        var code = ValueCode(20m, ValueScope.PerTransaction) with { CreditFromOverage = true };

        var discount = DiscountOf(code, Cart(Item("a", 15m)));

        Assert.Equal(15m, discount.Total);
        Assert.Equal(5m, discount.CreditFromOverage);
    }

    [Fact]
    public void No_credit_from_overage_when_credits_are_disabled_for_the_account()
    {
        var code = ValueCode(20m, ValueScope.PerTransaction) with { CreditFromOverage = true };

        var discount = DiscountOf(code, Cart(Item("a", 15m)), creditsEnabled: false);

        Assert.Equal(15m, discount.Total);
        Assert.Equal(0m, discount.CreditFromOverage);
    }

    [Fact]
    public void No_credit_from_overage_unless_the_code_asks_for_it()
    {
        Assert.Equal(0m, DiscountOf(ValueCode(20m, ValueScope.PerTransaction), Cart(Item("a", 15m))).CreditFromOverage);
    }

    [Fact]
    public void Credit_from_overage_adds_up_the_unused_value_of_every_line()
    {
        var code = ValueCode(5m, ValueScope.PerQuantity) with { CreditFromOverage = true };

        var discount = DiscountOf(code, Cart(Item("a", 4m, 2), Item("b", 10m)));

        Assert.Equal(13m, discount.Total);
        Assert.Equal(2m, discount.CreditFromOverage);
    }

    [Fact]
    public void Percentage_codes_never_give_credit()
    {
        var code = Code() with { Amount = 100m, CreditFromOverage = true, DiscountLimit = 5m };

        Assert.Equal(0m, DiscountOf(code, Cart(Item("a", 15m))).CreditFromOverage);
    }

    [Fact]
    public void Buy_two_get_one_discounts_the_cheapest_unit()
    {
        var code = Code() with { Amount = 0m, EligibilityRules = [new BuyXGetYRule(2, 1)] };

        var discount = DiscountOf(code, Cart(Item("a", 30m), Item("b", 10m), Item("c", 20m)));

        Assert.Equal(10m, discount.Total);
        Assert.Equal(10m, Line(discount, "b"));
        Assert.Equal(0m, Line(discount, "a"));
    }

    [Fact]
    public void Buy_two_get_one_repeats_for_every_complete_set()
    {
        var code = Code() with { Amount = 0m, EligibilityRules = [new BuyXGetYRule(2, 1)] };

        var six = DiscountOf(code, Cart(Item("a", 9m, 4), Item("b", 5m, 2)));
        var five = DiscountOf(code, Cart(Item("a", 9m, 3), Item("b", 5m, 2)));

        Assert.Equal(10m, six.Total);  // both 5.00 units
        Assert.Equal(5m, five.Total);  // one set only
    }

    [Fact]
    public void Buy_x_get_y_is_not_met_without_a_complete_set()
    {
        var code = Code() with { Amount = 0m, EligibilityRules = [new BuyXGetYRule(2, 1)] };

        var result = Evaluate(code, Cart(Item("a", 10m, 2)));

        Assert.Equal(["eligibility_rule_not_met"], result.ErrorCodes());
    }

    [Fact]
    public void Buy_x_get_y_rewards_the_named_get_items_at_their_percent_off()
    {
        var rule = new BuyXGetYRule(2, 1, 50m, BuyItems: ["ticket"], GetItems: ["soda"]);
        var code = Code() with { Amount = 0m, EligibilityRules = [rule] };

        var discount = DiscountOf(code, Cart(Item("t", 15m, 2, "ticket"), Item("s1", 4m, 1, "soda"), Item("s2", 3m, 1, "soda")));

        Assert.Equal(1.50m, discount.Total);
        Assert.Equal(1.50m, Line(discount, "s2"));
    }

    [Fact]
    public void Cheap_units_also_needed_as_buy_units_are_not_given_away()
    {
        // Either item can be the free one, but only burgers can be bought: the 1.00 burgers are cheaper,
        // yet both are needed as the bought units, so the free unit is the fries.
        var rule = new BuyXGetYRule(2, 1, 100m, BuyItems: ["burger"], GetItems: []);
        var code = Code() with { Amount = 0m, EligibilityRules = [rule] };

        var discount = DiscountOf(code, Cart(Item("b", 1m, 2, "burger"), Item("f", 2m, 1, "fries")));

        Assert.Equal(2m, discount.Total);
        Assert.Equal(2m, Line(discount, "f"));
    }

    [Fact]
    public void The_buy_x_get_y_discount_adds_to_the_amount()
    {
        var code = Code() with { Amount = 10m, EligibilityRules = [new BuyXGetYRule(2, 1)] };

        var discount = DiscountOf(code, Cart(Item("a", 10m, 3)));

        Assert.Equal(13m, discount.Total);
    }

    [Fact]
    public void Amount_plus_rule_discount_is_capped_at_the_line_and_the_rest_of_the_value_becomes_credit()
    {
        var code = ValueCode(25m, ValueScope.PerLineItem) with { CreditFromOverage = true, EligibilityRules = [new BuyXGetYRule(2, 1)] };

        var discount = DiscountOf(code, Cart(Item("a", 10m, 3)));

        Assert.Equal(30m, discount.Total);
        Assert.Equal(5m, discount.CreditFromOverage);
    }

    [Fact]
    public void Free_shipping_takes_off_the_whole_delivery_fee_apart_from_the_line_total()
    {
        var code = ValueCode(0m, ValueScope.PerTransaction) with { FreeShipping = true };

        var discount = DiscountOf(code, Cart(Item("a", 10m)) with { ShippingFee = 7.95m });

        Assert.True(discount.FreeShipping);
        Assert.Equal(7.95m, discount.ShippingDiscount);
        Assert.Equal(0m, discount.Total);
    }

    [Fact]
    public void Without_free_shipping_the_fee_stays()
    {
        var discount = DiscountOf(Code(), Cart(Item("a", 10m)) with { ShippingFee = 7.95m });

        Assert.False(discount.FreeShipping);
        Assert.Equal(0m, discount.ShippingDiscount);
    }

    [Theory]
    [InlineData(RedemptionType.Percentage, -10)]
    [InlineData(RedemptionType.Value, -10)]
    public void A_negative_amount_never_gives_a_negative_discount(RedemptionType type, int amount)
    {
        var discount = DiscountOf(Code() with { RedemptionType = type, Amount = amount }, Cart(Item("a", 10m)));

        Assert.Equal(0m, discount.Total);
        Assert.All(discount.Lines, l => Assert.Equal(0m, l.Amount));
    }

    [Fact]
    public void Percentages_above_100_take_at_most_the_line()
    {
        Assert.Equal(10m, DiscountOf(Code() with { Amount = 150m }, Cart(Item("a", 10m))).Total);
    }

    [Fact]
    public void The_discount_is_only_given_when_the_code_is_valid_but_can_be_previewed_for_diagnosis()
    {
        var code = Code() with { Amount = 10m, OrderMinimum = 100m };
        var cart = Cart(Item("a", 20m));

        var result = Evaluate(code, cart);
        var preview = DiscountCalculator.Calculate(code, cart, creditsEnabled: true);

        Assert.Null(result.Discount);
        Assert.Equal(2m, preview.Total);
    }
}
