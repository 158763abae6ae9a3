using PromoAdmin.Domain.Common;

namespace PromoAdmin.UnitTests.Foundation;

/// <summary>How an instant reads on the pages: the location's wall clock and the zone's UTC offset at that instant (docs/rules.md#times-and-money).</summary>
public sealed class LocalTimeTests
{
    private static readonly DateTimeOffset Winter = new(2026, 12, 7, 13, 5, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2026, 7, 7, 13, 5, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Europe/Berlin", "2026-12-07 14:05 UTC+1", "2026-07-07 15:05 UTC+2")]
    [InlineData("America/New_York", "2026-12-07 08:05 UTC-5", "2026-07-07 09:05 UTC-4")]
    [InlineData("Europe/London", "2026-12-07 13:05 UTC", "2026-07-07 14:05 UTC+1")]
    [InlineData("Asia/Kolkata", "2026-12-07 18:35 UTC+5:30", "2026-07-07 18:35 UTC+5:30")]
    [InlineData("Australia/Sydney", "2026-12-08 00:05 UTC+11", "2026-07-07 23:05 UTC+10")]
    [InlineData("UTC", "2026-12-07 13:05 UTC", "2026-07-07 13:05 UTC")]
    public void An_instant_reads_in_the_zone_with_its_offset_in_winter_and_summer(string zone, string winter, string summer) =>
        Assert.Equal((winter, summer), (LocalTime.Format(Winter, LocalTime.Zone(zone)), LocalTime.Format(Summer, LocalTime.Zone(zone))));

    [Fact]
    public void Either_side_of_the_clocks_going_forward_reads_with_its_own_offset()
    {
        // Europe/Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST, at 01:00 UTC.
        var zone = LocalTime.Zone("Europe/Berlin");
        Assert.Equal("2026-03-29 01:59 UTC+1", LocalTime.Format(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero), zone));
        Assert.Equal("2026-03-29 03:00 UTC+2", LocalTime.Format(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), zone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Mars/Olympus_Mons")]
    public void No_zone_or_an_unknown_one_reads_as_utc(string? zone) =>
        Assert.Equal("2026-12-07 13:05 UTC", LocalTime.Format(Winter, LocalTime.Zone(zone)));

    [Fact]
    public void A_typed_wall_clock_time_is_the_instant_it_names_at_the_location()
    {
        var zone = LocalTime.Zone("America/New_York");
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 14, 30, 0, TimeSpan.Zero), LocalTime.FromLocal(new DateTime(2026, 12, 2, 9, 30, 0), zone));
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 13, 30, 0, TimeSpan.Zero), LocalTime.FromLocal(new DateTime(2026, 7, 2, 9, 30, 0), zone));
    }

    [Fact]
    public void A_time_the_clocks_skip_names_no_instant_and_a_repeated_one_is_the_first()
    {
        var zone = LocalTime.Zone("Europe/Berlin");
        Assert.Null(LocalTime.FromLocal(new DateTime(2026, 3, 29, 2, 30, 0), zone));
        // 2026-10-25 02:30 happens at 00:30 UTC (summer time) and again at 01:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), LocalTime.FromLocal(new DateTime(2026, 10, 25, 2, 30, 0), zone));
    }

    [Fact]
    public void A_day_starts_at_the_locations_midnight_or_when_the_clocks_skip_it()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero), LocalTime.StartOfDay(new DateOnly(2026, 12, 7), LocalTime.Zone("America/New_York")));
        // Santiago moves its clocks from 00:00 to 01:00 on 2026-09-06: the day starts at 01:00 local (04:00 UTC).
        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), LocalTime.StartOfDay(new DateOnly(2026, 9, 6), LocalTime.Zone("America/Santiago")));
    }
}
