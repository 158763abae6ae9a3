using PromoAdmin.Domain.Export;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.UnitTests.PromoCodes;

public sealed class PromoCodeCsvTests
{
    private static PromoCodeCsvRow Row(string code = "SUMMER10", string? description = null, int? quantity = null, BookingDays days = BookingDays.None) =>
        new(code, description, "Seasonal", RedemptionType.Percentage, ValueScope.PerLineItem, 10m, quantity, 3, false, true,
            new DateOnly(2026, 6, 1), new DateOnly(2026, 8, 31), null, null, new TimeOnly(9, 0), new TimeOnly(17, 30), days);

    private static async Task<string[]> WriteAsync(params PromoCodeCsvRow[] rows)
    {
        var writer = new StringWriter();
        await PromoCodeCsv.WriteAsync(rows.ToAsyncEnumerable(), writer, TestContext.Current.CancellationToken);
        return writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task The_header_has_the_documented_columns_in_order()
    {
        var lines = await WriteAsync();
        Assert.Equal("Promo Code,Description,Promo Code Group,Redemption Type,Value Type,Value Amount,Quantity,Times Used,Remaining,Internal Only,"
            + "Combineable,Purchase Date Range,Purchase Start Date,Purchase End Date,Event Date Range,Event Start Date,Event End Date,Event Time Range,"
            + "Event Start Time,Event End Time,Mon,Tue,Wed,Thu,Fri,Sat,Sun", Assert.Single(lines));
    }

    [Fact]
    public void The_columns_show_settings_of_the_one_list()
    {
        Assert.Equal(["description", "groupId", "redemptionType", "valueType", "amount", "quantity", "internalOnly", "combinable",
            "purchaseDates", "bookingDates", "bookingTime", "daysOfWeek"], PromoCodeCsv.Settings.Select(f => f.Key));
        Assert.All(PromoCodeCsv.Settings, f => Assert.Contains(f, SettingFields.All));
    }

    [Fact]
    public async Task A_row_says_yes_no_iso_dates_and_unlimited()
    {
        var cells = (await WriteAsync(Row(days: BookingDays.Sat | BookingDays.Sun)))[1].Split(',');
        Assert.Equal(["SUMMER10", "", "Seasonal", "Percentage discount", "Per line item", "10.00", "Unlimited", "3", "Unlimited", "No", "Yes"], cells[..11]);
        Assert.Equal(["Available between dates", "2026-06-01", "2026-08-31", "Available any dates", "", ""], cells[11..17]);
        Assert.Equal(["Available between times", "09:00", "17:30"], cells[17..20]);
        Assert.Equal(["No", "No", "No", "No", "No", "Yes", "Yes"], cells[20..]);
    }

    [Fact]
    public async Task No_days_selected_means_every_day()
    {
        var cells = (await WriteAsync(Row()))[1].Split(',');
        Assert.All(cells[20..], c => Assert.Equal("Yes", c));
    }

    [Fact]
    public async Task A_limited_code_shows_its_cap_and_whats_left()
    {
        var cells = (await WriteAsync(Row(quantity: 7)))[1].Split(',');
        Assert.Equal(["10", "3", "7"], cells[6..9]);
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+SUM(A1)")]
    [InlineData("-2+3")]
    [InlineData("@cmd")]
    [InlineData("\tTAB")]
    public async Task Cells_that_start_like_a_formula_are_neutralised(string description)
    {
        var cells = (await WriteAsync(Row(description: description)))[1].Split(',');
        Assert.Equal("'" + description, cells[1].Trim('"'));
    }
}
