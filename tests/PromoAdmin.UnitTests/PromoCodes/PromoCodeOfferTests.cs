using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.UnitTests.PromoCodes;

/// <summary>The list's Value column: a buy-X-get-Y code in words, not "0%".</summary>
public sealed class PromoCodeOfferTests
{
    private static EligibilityRule BuyGet(int buy, int get, decimal? percentOff) =>
        new() { Type = EligibilityRuleType.BuyXGetY, BuyQuantity = buy, GetQuantity = get, GetPercentOff = percentOff };

    private static string Offer(RedemptionType type, decimal amount, params EligibilityRule[] rules) => PromoCodeLabels.Offer(type, amount, rules, MoneyFormat.For("USD"));

    [Fact]
    public void A_code_without_buy_x_get_y_shows_its_amount() =>
        Assert.Equal(["10%", "$5.00", "0%"],
            [Offer(RedemptionType.Percentage, 10), Offer(RedemptionType.Value, 5), Offer(RedemptionType.Percentage, 0, new EligibilityRule { Type = EligibilityRuleType.MinimumQuantity, Minimum = 3 })]);

    [Theory]
    [InlineData(100.0, "Buy 2 get 1 free")]
    [InlineData(null, "Buy 2 get 1 free")]
    [InlineData(50.0, "Buy 2 get 1 at 50% off")]
    [InlineData(12.5, "Buy 2 get 1 at 12.5% off")]
    public void Buy_x_get_y_alone_reads_in_words(double? percentOff, string expected) =>
        Assert.Equal(expected, Offer(RedemptionType.Percentage, 0, BuyGet(2, 1, (decimal?)percentOff)));

    [Fact]
    public void An_amount_and_buy_x_get_y_show_both() =>
        Assert.Equal(["10% off + Buy 2 get 1 free", "$5.00 off + Buy 3 get 2 at 50% off"],
            [Offer(RedemptionType.Percentage, 10, BuyGet(2, 1, 100)), Offer(RedemptionType.Value, 5, BuyGet(3, 2, 50))]);

    [Fact]
    public void Several_rules_are_joined_and_minimum_quantity_rules_left_out() =>
        Assert.Equal("Buy 2 get 1 free + Buy 5 get 5 at 25% off",
            Offer(RedemptionType.Percentage, 0, BuyGet(2, 1, null), new EligibilityRule { Type = EligibilityRuleType.MinimumQuantity, Minimum = 3 }, BuyGet(5, 5, 25)));
}
