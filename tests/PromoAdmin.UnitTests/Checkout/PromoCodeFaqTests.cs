using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Rules;
using static PromoAdmin.UnitTests.Checkout.Given;

namespace PromoAdmin.UnitTests.Checkout;

/// <summary>The promo codes page's FAQ and "Good to know" answers, as executable examples.</summary>
public sealed class PromoCodeFaqTests
{
    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(9, true)]
    public void Ten_percent_off_only_for_groups_of_six_or_more(int participants, bool applies)
    {
        var code = Code() with { Amount = 10m, EligibilityRules = [new MinimumQuantityRule(6)] };
        var cart = Cart(Event("1", Saturday, unitPrice: 25m, quantity: participants));

        var result = Evaluate(code, cart);

        Assert.Equal(applies, result.IsValid);
        if (applies) Assert.Equal(2.5m * participants, result.Discount!.Total);
        else Assert.Equal(["eligibility_rule_not_met"], result.ErrorCodes());
    }

    [Fact]
    public void Minimum_quantity_counts_units_of_qualifying_lines_only()
    {
        var code = Code() with { ApplicableTo = ["escape-room"], EligibilityRules = [new MinimumQuantityRule(6)] };
        var cart = Cart(Event("1", Saturday, quantity: 4), Item("2", 3m, quantity: 10));

        Assert.Equal(["eligibility_rule_not_met"], Evaluate(code, cart).ErrorCodes());
    }

    [Theory]
    [InlineData(14, true)]  // Saturday
    [InlineData(15, true)]  // Sunday
    [InlineData(18, false)] // Wednesday
    public void Weekends_only_code_uses_the_Sat_and_Sun_day_pills(int dayOfMarch, bool applies)
    {
        var code = Code() with { DaysOfWeek = [DayOfWeek.Saturday, DayOfWeek.Sunday] };

        var result = Evaluate(code, Cart(Event("1", new DateOnly(2026, 3, dayOfMarch))));

        Assert.Equal(applies, result.IsValid);
        if (!applies) Assert.Equal(["booking_day_not_allowed"], result.ErrorCodes());
    }

    [Fact]
    public void An_exhausted_code_stops_working_with_a_clear_message()
    {
        var result = Evaluate(Code() with { QuantityRemaining = 0 }, Cart(Item("1", 10m)));

        Assert.Equal(["quantity_exhausted"], result.ErrorCodes());
        Assert.Equal("This code has been used up.", result.Errors[0].Message);
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, false)]
    public void Two_codes_stack_only_when_both_can_be_combined(bool thisCombinable, bool otherCombinable, bool applies)
    {
        var code = Code() with { Combinable = thisCombinable };
        var cart = Cart(Item("1", 10m)) with { AppliedCodes = [new AppliedCode("WELCOME5", otherCombinable)] };

        var result = Evaluate(code, cart);

        Assert.Equal(applies, result.IsValid);
        if (!applies) Assert.Equal(["not_combinable"], result.ErrorCodes());
    }

    [Fact]
    public void A_code_already_on_the_order_does_not_block_itself_whatever_its_spelling()
    {
        var cart = Cart(Item("1", 10m)) with { AppliedCodes = [new AppliedCode("spring-10", Combinable: false)] };

        Assert.True(Evaluate(Code() with { Combinable = false }, cart).IsValid);
    }

    [Fact]
    public void A_single_code_needs_no_combining_permission()
    {
        Assert.True(Evaluate(Code() with { Combinable = false }, Cart(Item("1", 10m))).IsValid);
    }

    [Fact]
    public void Archived_codes_are_checked_first_like_the_faq_list_says()
    {
        var code = Code() with { Archived = true, QuantityRemaining = 0, PurchaseEnd = new DateOnly(2026, 1, 1), ApplicableTo = ["none"] };

        var result = Evaluate(code, Cart(Item("1", 10m)));

        Assert.Equal(["code_archived", "quantity_exhausted", "outside_purchase_dates", "no_applicable_items"], result.ErrorCodes());
    }
}
