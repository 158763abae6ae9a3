using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Checkout.Rules;

namespace PromoAdmin.UnitTests.Checkout;

/// <summary>Where a uses-per-customer period starts: local midnight on the location's calendar, daylight-saving changes included.</summary>
public sealed class UsagePeriodTests
{
    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Ever_has_no_start()
    {
        Assert.Null(UsagePeriods.Start(UsagePeriod.Ever, Utc("2026-03-08T12:00:00Z"), "America/New_York"));
    }

    [Theory]
    // New York, spring forward on Sunday 8 March 2026 at 02:00.
    [InlineData("America/New_York", UsagePeriod.Day, "2026-03-08T16:00:00Z", "2026-03-08T05:00:00Z")] // the day of the change began in EST
    [InlineData("America/New_York", UsagePeriod.Day, "2026-03-09T04:00:00Z", "2026-03-09T04:00:00Z")] // the first midnight after it, in EDT
    [InlineData("America/New_York", UsagePeriod.Day, "2026-03-09T03:59:59Z", "2026-03-08T05:00:00Z")] // a second before it
    [InlineData("America/New_York", UsagePeriod.Week, "2026-03-08T16:00:00Z", "2026-03-02T05:00:00Z")] // Sunday is the week's last day
    [InlineData("America/New_York", UsagePeriod.Week, "2026-03-09T16:00:00Z", "2026-03-09T04:00:00Z")] // Monday after the change
    [InlineData("America/New_York", UsagePeriod.Month, "2026-03-31T16:00:00Z", "2026-03-01T05:00:00Z")] // the month began in EST
    // New York, fall back on Sunday 1 November 2026 at 02:00.
    [InlineData("America/New_York", UsagePeriod.Day, "2026-11-01T16:00:00Z", "2026-11-01T04:00:00Z")] // the day of the change began in EDT
    [InlineData("America/New_York", UsagePeriod.Day, "2026-11-02T05:00:00Z", "2026-11-02T05:00:00Z")] // the first midnight after it, in EST
    [InlineData("America/New_York", UsagePeriod.Week, "2026-11-01T16:00:00Z", "2026-10-26T04:00:00Z")]
    [InlineData("America/New_York", UsagePeriod.Week, "2026-11-02T16:00:00Z", "2026-11-02T05:00:00Z")]
    [InlineData("America/New_York", UsagePeriod.Month, "2026-11-01T16:00:00Z", "2026-11-01T04:00:00Z")]
    [InlineData("America/New_York", UsagePeriod.Month, "2026-12-01T04:59:00Z", "2026-11-01T04:00:00Z")] // 30 Nov 23:59 EST
    // London, spring forward on Sunday 29 March 2026 at 01:00.
    [InlineData("Europe/London", UsagePeriod.Day, "2026-03-29T12:00:00Z", "2026-03-29T00:00:00Z")]
    [InlineData("Europe/London", UsagePeriod.Day, "2026-03-30T12:00:00Z", "2026-03-29T23:00:00Z")]
    [InlineData("Europe/London", UsagePeriod.Week, "2026-03-29T12:00:00Z", "2026-03-23T00:00:00Z")]
    [InlineData("Europe/London", UsagePeriod.Week, "2026-03-29T23:00:00Z", "2026-03-29T23:00:00Z")] // Monday 30 March 00:00 BST
    [InlineData("Europe/London", UsagePeriod.Month, "2026-04-01T00:30:00Z", "2026-03-31T23:00:00Z")] // 1 April 01:30 BST
    public void A_period_starts_at_local_midnight_whatever_the_offset(string zone, UsagePeriod period, string at, string expected)
    {
        Assert.Equal(Utc(expected), UsagePeriods.Start(period, Utc(at), zone));
    }

    [Theory]
    // Havana springs forward at midnight: 8 March 2026 begins at 01:00 CDT.
    [InlineData("America/Havana", "2026-03-08T12:00:00Z", "2026-03-08T05:00:00Z")]
    // Santiago springs forward at midnight: 6 September 2026 begins at 01:00 -03.
    [InlineData("America/Santiago", "2026-09-06T12:00:00Z", "2026-09-06T04:00:00Z")]
    public void A_day_whose_midnight_is_skipped_starts_at_its_first_valid_moment(string zone, string at, string expected)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var start = UsagePeriods.Start(UsagePeriod.Day, Utc(at), zone)!.Value;

        Assert.Equal(Utc(expected), start);
        Assert.Equal(new TimeOnly(1, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, tz).DateTime));
        // The minute before belongs to the day before.
        Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, tz).DateTime).AddDays(-1),
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start.AddMinutes(-1), tz).DateTime));
    }

    [Fact]
    public void A_day_whose_midnight_happens_twice_starts_at_the_first()
    {
        // Havana falls back at 01:00 CDT on 1 November 2026, to 00:00 CST: the day's first hour happens twice.
        var firstHalfPastMidnight = Utc("2026-11-01T04:30:00Z"); // 00:30 CDT

        var start = UsagePeriods.Start(UsagePeriod.Day, firstHalfPastMidnight, "America/Havana");

        Assert.Equal(Utc("2026-11-01T04:00:00Z"), start);
        Assert.Equal(start, UsagePeriods.Start(UsagePeriod.Day, Utc("2026-11-01T05:30:00Z"), "America/Havana")); // 00:30 CST
        Assert.Equal(start, UsagePeriods.Start(UsagePeriod.Month, firstHalfPastMidnight, "America/Havana"));
    }

    public static TheoryData<string> Zones() => new(["America/New_York", "Europe/London", "America/Havana", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]);

    /// <summary>Hour by hour over 2026: a period starts at or before the moment, on the same local day, week or month, and later moments of it agree.</summary>
    [Theory]
    [MemberData(nameof(Zones))]
    public void Every_moment_of_a_year_lies_in_the_period_that_starts_at_its_local_midnight(string zone)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        static DateOnly LocalDay(DateTimeOffset t, TimeZoneInfo tz) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, tz).DateTime);

        for (var at = Utc("2026-01-01T00:00:00Z"); at.Year < 2027; at = at.AddMinutes(30))
        {
            var day = LocalDay(at, tz);
            foreach (var (period, first) in new[]
                     {
                         (UsagePeriod.Day, day),
                         (UsagePeriod.Week, day.AddDays(-(((int)day.DayOfWeek + 6) % 7))),
                         (UsagePeriod.Month, new DateOnly(day.Year, day.Month, 1)),
                     })
            {
                var start = UsagePeriods.Start(period, at, zone)!.Value;
                Assert.True(start <= at, $"{period} of {at:u} in {zone} starts later, at {start:u}");
                Assert.Equal(first, LocalDay(start, tz));
                Assert.NotEqual(first, LocalDay(start.AddTicks(-1), tz));
            }
        }
    }
}
