using static PromoAdmin.UnitTests.Checkout.Given;

namespace PromoAdmin.UnitTests.Checkout;

public sealed class PurchaseDateTests
{
    private static readonly DateTimeOffset LastEveningUtc = new(2026, 3, 31, 23, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("America/Los_Angeles", true)] // 16:30 on 31 March
    [InlineData("Pacific/Auckland", false)]   // 12:30 on 1 April
    [InlineData("UTC", true)]
    public void The_last_allowed_day_is_read_in_the_location_zone(string zone, bool applies)
    {
        var code = Code() with { TimeZoneId = zone, PurchaseStart = new(2026, 3, 1), PurchaseEnd = new(2026, 3, 31) };

        var result = Evaluate(code, Cart(Item("1", 10m)), at: LastEveningUtc);

        Assert.Equal(applies, result.IsValid);
        if (!applies)
        {
            Assert.Equal(["outside_purchase_dates"], result.ErrorCodes());
            Assert.Contains("1 Apr 2026", result.Errors[0].Message);
        }
    }

    [Theory]
    [InlineData("America/Los_Angeles", false)] // still 31 March
    [InlineData("Pacific/Auckland", true)]     // already 1 April
    public void The_first_allowed_day_starts_at_local_midnight(string zone, bool applies)
    {
        var code = Code() with { TimeZoneId = zone, PurchaseStart = new(2026, 4, 1) };

        var result = Evaluate(code, Cart(Item("1", 10m)), at: LastEveningUtc);

        Assert.Equal(applies, result.IsValid);
    }

    [Fact]
    public void Purchase_dates_are_inclusive_at_both_ends()
    {
        var code = Code() with { PurchaseStart = new(2026, 3, 10), PurchaseEnd = new(2026, 3, 10) };

        Assert.True(Evaluate(code, Cart(Item("1", 10m)), at: Now).IsValid);
        Assert.False(Evaluate(code, Cart(Item("1", 10m)), at: Now.AddDays(1)).IsValid);
        Assert.False(Evaluate(code, Cart(Item("1", 10m)), at: Now.AddDays(-1)).IsValid);
    }

    [Fact]
    public void Open_ended_purchase_dates_only_bound_one_side()
    {
        var untilMarch = Code() with { PurchaseEnd = new(2026, 3, 31) };
        var fromMarch = Code() with { PurchaseStart = new(2026, 3, 1) };

        Assert.True(Evaluate(untilMarch, Cart(Item("1", 10m)), at: Now.AddYears(-5)).IsValid);
        Assert.True(Evaluate(fromMarch, Cart(Item("1", 10m)), at: Now.AddYears(5)).IsValid);
    }
}
