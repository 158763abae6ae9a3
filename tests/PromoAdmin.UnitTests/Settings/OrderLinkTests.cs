using PromoAdmin.Domain.Settings;

namespace PromoAdmin.UnitTests.Settings;

/// <summary>The account's order link template (docs/rules.md#account-settings): what it accepts and the link it makes.</summary>
public sealed class OrderLinkTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://shop.example/orders/{orderNumber}")]
    [InlineData("http://shop.example/admin?order={orderNumber}&tab=items")]
    public void An_empty_template_or_an_absolute_http_address_with_the_placeholder_is_accepted(string? template) =>
        Assert.Null(OrderLink.Problem(template));

    [Theory]
    [InlineData("https://shop.example/orders/", "must contain {orderNumber}")]
    [InlineData("https://shop.example/orders/{ordernumber}", "must contain {orderNumber}")]
    [InlineData("/orders/{orderNumber}", "absolute http or https address")]
    [InlineData("shop.example/orders/{orderNumber}", "absolute http or https address")]
    [InlineData("ftp://shop.example/orders/{orderNumber}", "absolute http or https address")]
    [InlineData("javascript:alert({orderNumber})", "absolute http or https address")]
    [InlineData("https://{orderNumber}/orders", "not in its name")]
    [InlineData("https://shop.example{orderNumber}", "not in its name")]
    [InlineData("https://{orderNumber}.shop.example/", "not in its name")]
    public void Any_other_template_is_refused_saying_why(string template, string why) =>
        Assert.Contains(why, OrderLink.Problem(template));

    [Fact]
    public void A_template_longer_than_500_characters_is_refused() =>
        Assert.Contains("at most 500", OrderLink.Problem("https://shop.example/" + new string('a', 480) + "/{orderNumber}"));

    [Fact]
    public void The_order_number_is_escaped_so_a_space_and_a_slash_stay_part_of_it() =>
        Assert.Equal("https://shop.example/orders/A%201%2F2?again=A%201%2F2",
            OrderLink.For("https://shop.example/orders/{orderNumber}?again={orderNumber}", "A 1/2"));

    [Theory]
    [InlineData(null, "ORD-1")]
    [InlineData("", "ORD-1")]
    [InlineData("https://shop.example/orders/{orderNumber}", "")]
    public void Without_a_template_or_an_order_number_there_is_no_link(string? template, string orderNumber) =>
        Assert.Null(OrderLink.For(template, orderNumber));

    [Fact]
    public void A_template_that_would_not_pass_today_never_makes_a_link() =>
        Assert.Null(OrderLink.For("https://shop.example{orderNumber}", "evil.example"));
}
