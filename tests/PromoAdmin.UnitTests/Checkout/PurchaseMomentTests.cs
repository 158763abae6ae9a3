using PromoAdmin.Checkout.Rules;
using static PromoAdmin.UnitTests.Checkout.Given;

namespace PromoAdmin.UnitTests.Checkout;

/// <summary>Purchase days of the week and time of day, read in the location's zone, daylight-saving changes included.</summary>
public sealed class PurchaseMomentTests
{
    private static readonly PromoCodeRules Weekends = Code() with { PurchaseDaysOfWeek = [DayOfWeek.Saturday, DayOfWeek.Sunday] };
    private static readonly PromoCodeRules NineToFive = Code() with { PurchaseTimeStart = new(9, 0), PurchaseTimeEnd = new(17, 0) };

    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-14T03:59:00Z", false, "Fri")] // Friday 23:59 in New York, Saturday in UTC
    [InlineData("2026-03-14T04:00:00Z", true, "Sat")]  // Saturday 00:00 in New York
    [InlineData("2026-03-16T03:59:00Z", true, "Sun")]  // Sunday 23:59
    [InlineData("2026-03-16T04:00:00Z", false, "Mon")] // Monday 00:00
    public void Purchase_days_are_the_location_calendar_days(string instant, bool valid, string day)
    {
        var result = Evaluate(Weekends, Cart(Item("1", 10m)), at: Utc(instant));

        Assert.Equal(valid, result.IsValid);
        var check = result.Checks.Single(c => c.Code == "purchase_day_not_allowed");
        Assert.Contains($"it is {day} at the location", check.Message, StringComparison.OrdinalIgnoreCase);
        if (!valid)
        {
            Assert.Equal(["purchase_day_not_allowed"], result.ErrorCodes());
            Assert.Equal($"This code can only be used on Sat, Sun; it is {day} at the location.", result.Errors[0].Message);
        }
    }

    [Fact]
    public void Purchase_days_apply_to_every_cart_not_only_to_events()
    {
        // Now is a Tuesday in New York.
        var code = Code() with { PurchaseDaysOfWeek = [DayOfWeek.Monday] };

        Assert.Equal(["purchase_day_not_allowed"], Evaluate(code, Cart(Item("1", 10m))).ErrorCodes());
        Assert.Equal(["purchase_day_not_allowed"], Evaluate(code, Cart(Event("1", Monday))).ErrorCodes());
        Assert.True(Evaluate(code with { PurchaseDaysOfWeek = [DayOfWeek.Tuesday] }, Cart(Item("1", 10m))).IsValid);
    }

    [Fact]
    public void No_days_or_all_seven_days_allow_every_day()
    {
        for (var day = 0; day < 7; day++)
        {
            var at = Now.AddDays(day);
            Assert.True(Evaluate(Code(), Cart(Item("1", 10m)), at: at).IsValid);
            Assert.True(Evaluate(Code() with { PurchaseDaysOfWeek = Enum.GetValues<DayOfWeek>() }, Cart(Item("1", 10m)), at: at).IsValid);
        }
    }

    [Theory]
    [InlineData("2026-03-10T12:59:00Z", false, "08:59")]
    [InlineData("2026-03-10T13:00:00Z", true, "09:00")]  // start inclusive
    [InlineData("2026-03-10T20:59:59Z", true, "16:59")]
    [InlineData("2026-03-10T21:00:00Z", false, "17:00")] // end exclusive
    public void The_purchase_time_window_includes_its_start_and_excludes_its_end(string instant, bool valid, string localTime)
    {
        var result = Evaluate(NineToFive, Cart(Item("1", 10m)), at: Utc(instant));

        Assert.Equal(valid, result.IsValid);
        var check = result.Checks.Single(c => c.Code == "purchase_time_not_allowed");
        Assert.Contains($"It is {localTime} at the location", check.Message, StringComparison.OrdinalIgnoreCase);
        if (!valid)
        {
            Assert.Equal(["purchase_time_not_allowed"], result.ErrorCodes());
            Assert.Equal($"This code can only be used at or after 09:00 and before 17:00; it is {localTime} at the location.", result.Errors[0].Message);
        }
    }

    [Theory]
    [InlineData("America/New_York", true)] // 10:00
    [InlineData("Europe/London", true)]    // 14:00
    [InlineData("Asia/Tokyo", false)]      // 23:00
    [InlineData("America/Los_Angeles", false)] // 07:00
    public void The_purchase_time_is_read_in_the_location_zone(string zone, bool valid)
    {
        var result = Evaluate(NineToFive with { TimeZoneId = zone }, Cart(Item("1", 10m)), at: Utc("2026-03-10T14:00:00Z"));

        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public void Days_and_times_are_each_reported()
    {
        var code = Weekends with { PurchaseTimeStart = new(9, 0), PurchaseTimeEnd = new(17, 0) };

        // Tuesday 10 March, 06:00 in New York.
        Assert.Equal(["purchase_day_not_allowed", "purchase_time_not_allowed"], Evaluate(code, Cart(Item("1", 10m)), at: Utc("2026-03-10T10:00:00Z")).ErrorCodes());
        // Saturday 14 March, 10:00 in New York.
        Assert.True(Evaluate(code, Cart(Item("1", 10m)), at: Utc("2026-03-14T14:00:00Z")).IsValid);
    }

    /// <summary>
    /// 09:00-17:00 at a location on both sides of a daylight-saving change: 09:30 local is inside, 08:30 is not, whatever
    /// the offset that day. The instants are written in UTC (09:30 EST = 14:30Z, 09:30 EDT = 13:30Z).
    /// </summary>
    [Theory]
    // New York, spring forward on Sunday 8 March 2026 (02:00 EST -> 03:00 EDT).
    [InlineData("America/New_York", "2026-03-07T14:30:00Z", true)]  // Sat 09:30 EST
    [InlineData("America/New_York", "2026-03-07T13:30:00Z", false)] // Sat 08:30 EST
    [InlineData("America/New_York", "2026-03-08T13:30:00Z", true)]  // Sun 09:30 EDT
    [InlineData("America/New_York", "2026-03-08T12:30:00Z", false)] // Sun 08:30 EDT
    [InlineData("America/New_York", "2026-03-09T13:30:00Z", true)]  // Mon 09:30 EDT
    [InlineData("America/New_York", "2026-03-09T12:30:00Z", false)] // Mon 08:30 EDT
    [InlineData("America/New_York", "2026-03-08T21:30:00Z", false)] // Sun 17:30 EDT (12:30 in EST's reckoning)
    // New York, fall back on Sunday 1 November 2026 (02:00 EDT -> 01:00 EST).
    [InlineData("America/New_York", "2026-10-31T13:30:00Z", true)]  // Sat 09:30 EDT
    [InlineData("America/New_York", "2026-10-31T12:30:00Z", false)] // Sat 08:30 EDT
    [InlineData("America/New_York", "2026-11-01T14:30:00Z", true)]  // Sun 09:30 EST
    [InlineData("America/New_York", "2026-11-01T13:30:00Z", false)] // Sun 08:30 EST: the time that was 09:30 the day before
    [InlineData("America/New_York", "2026-11-01T21:30:00Z", true)]  // Sun 16:30 EST
    [InlineData("America/New_York", "2026-11-01T22:00:00Z", false)] // Sun 17:00 EST
    // London, spring forward on Sunday 29 March 2026 (01:00 GMT -> 02:00 BST).
    [InlineData("Europe/London", "2026-03-28T09:30:00Z", true)]  // Sat 09:30 GMT
    [InlineData("Europe/London", "2026-03-28T08:30:00Z", false)] // Sat 08:30 GMT
    [InlineData("Europe/London", "2026-03-29T08:30:00Z", true)]  // Sun 09:30 BST
    [InlineData("Europe/London", "2026-03-29T07:30:00Z", false)] // Sun 08:30 BST
    [InlineData("Europe/London", "2026-03-29T16:30:00Z", false)] // Sun 17:30 BST
    public void A_purchase_time_window_holds_in_local_time_across_a_daylight_saving_change(string zone, string instant, bool valid)
    {
        var result = Evaluate(NineToFive with { TimeZoneId = zone }, Cart(Item("1", 10m)), at: Utc(instant));

        Assert.Equal(valid ? [] : ["purchase_time_not_allowed"], result.ErrorCodes());
    }

    [Fact]
    public void A_window_in_the_skipped_hour_never_opens_and_one_in_the_repeated_hour_opens_twice()
    {
        var skipped = Code() with { PurchaseTimeStart = new(2, 0), PurchaseTimeEnd = new(3, 0) };
        // 8 March 2026 in New York: 01:59 EST is followed by 03:00 EDT.
        Assert.False(Evaluate(skipped, Cart(Item("1", 10m)), at: Utc("2026-03-08T06:59:00Z")).IsValid);
        Assert.False(Evaluate(skipped, Cart(Item("1", 10m)), at: Utc("2026-03-08T07:00:00Z")).IsValid);

        var repeated = Code() with { PurchaseTimeStart = new(1, 0), PurchaseTimeEnd = new(2, 0) };
        // 1 November 2026: 01:30 EDT, then an hour later 01:30 EST.
        Assert.True(Evaluate(repeated, Cart(Item("1", 10m)), at: Utc("2026-11-01T05:30:00Z")).IsValid);
        Assert.True(Evaluate(repeated, Cart(Item("1", 10m)), at: Utc("2026-11-01T06:30:00Z")).IsValid);
        Assert.False(Evaluate(repeated, Cart(Item("1", 10m)), at: Utc("2026-11-01T07:00:00Z")).IsValid); // 02:00 EST
    }

    [Theory]
    [InlineData("2026-03-08T04:59:00Z", DayOfWeek.Saturday)] // Sat 23:59 EST
    [InlineData("2026-03-08T05:00:00Z", DayOfWeek.Sunday)]   // Sun 00:00 EST, the day of the change
    [InlineData("2026-03-09T03:59:00Z", DayOfWeek.Sunday)]   // Sun 23:59 EDT
    [InlineData("2026-03-09T04:00:00Z", DayOfWeek.Monday)]   // Mon 00:00 EDT
    [InlineData("2026-11-02T04:59:00Z", DayOfWeek.Sunday)]   // Sun 23:59 EST, after falling back
    [InlineData("2026-11-02T05:00:00Z", DayOfWeek.Monday)]
    public void Purchase_days_turn_at_local_midnight_on_both_sides_of_a_change(string instant, DayOfWeek localDay)
    {
        var code = Code() with { PurchaseDaysOfWeek = [localDay] };
        var otherDays = Code() with { PurchaseDaysOfWeek = Enum.GetValues<DayOfWeek>().Where(d => d != localDay).ToArray() };

        Assert.True(Evaluate(code, Cart(Item("1", 10m)), at: Utc(instant)).IsValid);
        Assert.Equal(["purchase_day_not_allowed"], Evaluate(otherDays, Cart(Item("1", 10m)), at: Utc(instant)).ErrorCodes());
    }
}
