using PromoAdmin.Domain.Export;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.UnitTests.PromoCodes;

public sealed class PromoCodeCsvTests
{
    private static PromoCodeCsvRow Row(string code = "SUMMER10", string? description = null, int? quantity = null, BookingDays days = BookingDays.None) =>
        new(code, description, "Seasonal", RedemptionType.Percentage, ValueScope.PerLineItem, 10m, quantity, 3, false, true,
            new DateOnly(2026, 6, 1), new DateOnly(2026, 8, 31), null, null, new TimeOnly(9, 0), new TimeOnly(17, 30), days);

    private static async Task<string[]> WriteAsync(params PromoCodeCsvRow[] rows) => await WriteAsync(customers: false, rows);

    private static async Task<string[]> WriteAsync(bool customers, params PromoCodeCsvRow[] rows)
    {
        var writer = new StringWriter();
        await PromoCodeCsv.WriteAsync(new PromoCodeCsvExport(rows.ToAsyncEnumerable(), customers), writer, TestContext.Current.CancellationToken);
        return writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    private const string DocumentedHeader =
        "Promo Code,Description,Promo Code Group,Redemption Type,Value Type,Value Amount,Quantity,Times Used,Remaining,Internal Only,"
        + "Combineable,Purchase Date Range,Purchase Start Date,Purchase End Date,Event Date Range,Event Start Date,Event End Date,Event Time Range,"
        + "Event Start Time,Event End Time,Mon,Tue,Wed,Thu,Fri,Sat,Sun,"
        + "Applicable Groups,Excluded Items,Excluded Groups,Applies To Gift Cards,Purchase Days,Purchase Start Time,Purchase End Time,"
        + "Uses Per Customer,Uses Per Customer Period,Status";

    [Fact]
    public async Task The_header_has_the_documented_columns_in_order()
    {
        var lines = await WriteAsync();
        Assert.Equal(DocumentedHeader, Assert.Single(lines));
    }

    [Fact]
    public async Task A_segment_batch_export_adds_the_customer_columns_at_the_end()
    {
        var lines = await WriteAsync(customers: true,
            Row("VIP1") with { Customer = new PromoCodeCsvCustomer("cust-1", "Ada Lovelace", "ada@example.com") },
            Row("VIP2") with { Customer = new PromoCodeCsvCustomer("cust-2", "=Bob", null) });
        Assert.Equal(DocumentedHeader + ",Customer Key,Customer Name,Customer Email", lines[0]);
        Assert.Equal(["cust-1", "Ada Lovelace", "ada@example.com"], lines[1].Split(',')[^3..]);
        Assert.Equal(["cust-2", "'=Bob", ""], lines[2].Split(',')[^3..].Select(c => c.Trim('"'))); // a customer's name is escaped like any cell
        Assert.Equal(PromoCodeCsv.Header.Length + 3, lines[1].Split(',').Length);
        // Any other export leaves them out, even when a row has a customer.
        var plain = await WriteAsync(Row("VIP1") with { Customer = new PromoCodeCsvCustomer("cust-1", "Ada", null) });
        Assert.Equal(PromoCodeCsv.Header.Length, plain[1].Split(',').Length);
    }

    [Fact]
    public async Task The_newer_settings_and_the_status_follow_the_days()
    {
        var row = Row() with
        {
            ApplicableGroups = ["all-events", "summer-shows"], ExcludedItems = ["item-1"], ExcludedGroups = ["vip-only"], IncludeGiftCards = true,
            PurchaseDaysOfWeek = BookingDays.Mon | BookingDays.Tue, PurchaseTimeStart = new TimeOnly(9, 0), PurchaseTimeEnd = new TimeOnly(17, 30),
            UsesPerCustomer = 2, UsesPerCustomerPeriod = UsagePeriod.Week, Status = CodeStatus.UsedUp,
        };
        var cells = (await WriteAsync(row))[1].Split(',');
        Assert.Equal(["all-events summer-shows", "item-1", "vip-only", "Yes", "Mon Tue", "09:00", "17:30", "2", "Week", "usedUp"], cells[27..]);
        var bare = (await WriteAsync(Row()))[1].Split(',');
        Assert.Equal(["", "", "", "No", "", "", "", "", "", "scheduled"], bare[27..]);
        // A period without a number of uses says nothing.
        Assert.Equal("", (await WriteAsync(Row() with { UsesPerCustomerPeriod = UsagePeriod.Month }))[1].Split(',')[35]);
    }

    [Fact]
    public void The_columns_show_settings_of_the_one_list()
    {
        Assert.Equal(["description", "groupId", "redemptionType", "valueType", "amount", "quantity", "internalOnly", "combinable",
            "purchaseDates", "bookingDates", "bookingTime", "daysOfWeek", "applicableGroups", "excludedItems", "excludedGroups", "includeGiftCards",
            "purchaseDaysOfWeek", "purchaseTime", "usesPerCustomer"], PromoCodeCsv.Settings.Select(f => f.Key));
        Assert.All(PromoCodeCsv.Settings, f => Assert.Contains(f, SettingFields.All));
    }

    [Fact]
    public async Task A_row_says_yes_no_iso_dates_and_unlimited()
    {
        var cells = (await WriteAsync(Row(days: BookingDays.Sat | BookingDays.Sun)))[1].Split(',');
        Assert.Equal(["SUMMER10", "", "Seasonal", "Percentage discount", "Per line item", "10.00", "Unlimited", "3", "Unlimited", "No", "Yes"], cells[..11]);
        Assert.Equal(["Available between dates", "2026-06-01", "2026-08-31", "Available any dates", "", ""], cells[11..17]);
        Assert.Equal(["Available between times", "09:00", "17:30"], cells[17..20]);
        Assert.Equal(["No", "No", "No", "No", "No", "Yes", "Yes"], cells[20..27]);
    }

    [Fact]
    public async Task No_days_selected_means_every_day()
    {
        var cells = (await WriteAsync(Row()))[1].Split(',');
        Assert.All(cells[20..27], c => Assert.Equal("Yes", c));
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
