using PromoAdmin.Domain.Common;

namespace PromoAdmin.UnitTests.Foundation;

/// <summary>How money reads on the pages: the account currency, written as its home culture writes it (docs/rules.md#times-and-money).</summary>
public sealed class MoneyFormatTests
{
    [Theory]
    [InlineData("USD", "$1,234.50")]
    [InlineData("EUR", "1.234,50 €")]
    [InlineData("GBP", "£1,234.50")]
    [InlineData("CAD", "$1,234.50")]
    [InlineData("CHF", "CHF 1’234.50")]
    [InlineData("SEK", "1 234,50 kr")]
    [InlineData("INR", "₹1,234.50")]
    [InlineData("JPY", "￥1,234.50")]
    public void An_amount_reads_in_the_currencys_own_format(string currency, string expected) =>
        Assert.Equal(expected, Normal(MoneyFormat.For(currency).Format(1234.5m)));

    [Fact]
    public void A_currency_without_decimals_shows_none_for_a_whole_amount() =>
        Assert.Equal("￥1,235", MoneyFormat.For("JPY").Format(1235m));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" usd ")]
    public void Blank_is_usd_and_the_code_is_read_in_any_case(string? currency) =>
        Assert.Equal(("USD", "$0.00"), (MoneyFormat.For(currency).Currency, MoneyFormat.For(currency).Format(0m)));

    [Fact]
    public void A_code_no_culture_knows_reads_as_itself_after_the_number() =>
        Assert.Equal("1,234.50 XYZ", MoneyFormat.For("XYZ").Format(1234.5m));

    [Theory]
    [InlineData("USD", "$", false)]
    [InlineData("EUR", "€", true)]
    [InlineData("CHF", "CHF", false)]
    public void A_money_input_shows_the_symbol_on_the_currencys_side(string currency, string symbol, bool after) =>
        Assert.Equal((symbol, after), (MoneyFormat.For(currency).Symbol, MoneyFormat.For(currency).SymbolAfter));

    /// <summary>ICU separates with narrow or no-break spaces in some cultures: compared as plain spaces.</summary>
    private static string Normal(string s) => s.Replace('\u00a0', ' ').Replace('\u202f', ' ');
}
