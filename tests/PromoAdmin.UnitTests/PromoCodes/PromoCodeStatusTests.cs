using PromoAdmin.Domain.PromoCodes;
using Facts = PromoAdmin.Domain.PromoCodes.PromoCodeStatus.Facts;

namespace PromoAdmin.UnitTests.PromoCodes;

public sealed class PromoCodeStatusTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    /// <summary>An enabled, unlimited code with no purchase dates, not archived: active.</summary>
    private static Facts Plain() => new(Archived: false, Enabled: true, Remaining: null, PurchaseStart: null, PurchaseEnd: null);

    [Theory]
    [InlineData(false, true, null, null, null, CodeStatus.Active)]  // no limits
    [InlineData(false, true, null, -5, 5, CodeStatus.Active)]       // inside its dates
    [InlineData(false, true, null, 0, null, CodeStatus.Active)]     // starts today
    [InlineData(false, true, null, null, 0, CodeStatus.Active)]     // ends today
    [InlineData(false, true, 1, null, null, CodeStatus.Active)]     // some remaining
    [InlineData(false, true, null, 1, null, CodeStatus.Scheduled)]  // starts tomorrow
    [InlineData(false, true, null, null, -1, CodeStatus.Expired)]   // ended yesterday
    [InlineData(false, true, 0, null, null, CodeStatus.UsedUp)]     // limited, none remaining
    [InlineData(false, false, null, null, null, CodeStatus.Disabled)]
    [InlineData(true, true, null, null, null, CodeStatus.Archived)]
    public void Each_status(bool archived, bool enabled, int? remaining, int? startInDays, int? endInDays, CodeStatus expected)
    {
        var code = new Facts(archived, enabled, remaining, startInDays is int s ? Today.AddDays(s) : null, endInDays is int e ? Today.AddDays(e) : null);
        Assert.Equal(expected, PromoCodeStatus.Of(code, Today));
    }

    [Fact]
    public void Archived_then_disabled_then_used_up_then_expired_then_scheduled()
    {
        var everything = new Facts(Archived: true, Enabled: false, Remaining: 0, PurchaseStart: Today.AddDays(3), PurchaseEnd: Today.AddDays(-3));
        Assert.Equal(CodeStatus.Archived, PromoCodeStatus.Of(everything, Today));
        Assert.Equal(CodeStatus.Disabled, PromoCodeStatus.Of(everything with { Archived = false }, Today));
        Assert.Equal(CodeStatus.UsedUp, PromoCodeStatus.Of(everything with { Archived = false, Enabled = true }, Today));
        // Start after end cannot be saved, but the order still decides: expired before scheduled.
        Assert.Equal(CodeStatus.Expired, PromoCodeStatus.Of(everything with { Archived = false, Enabled = true, Remaining = 5 }, Today));
        Assert.Equal(CodeStatus.Scheduled, PromoCodeStatus.Of(everything with { Archived = false, Enabled = true, Remaining = 5, PurchaseEnd = null }, Today));
    }

    [Fact]
    public void Today_is_read_in_the_locations_zone()
    {
        // 14:00 UTC on 10 March is 01:00 on 11 March in Sydney (UTC+11 in March).
        var now = new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);
        var endsOnTheTenth = Plain() with { PurchaseEnd = new DateOnly(2026, 3, 10) };
        Assert.Equal(CodeStatus.Expired, PromoCodeStatus.Of(endsOnTheTenth, now, "Australia/Sydney"));
        Assert.Equal(CodeStatus.Active, PromoCodeStatus.Of(endsOnTheTenth, now, "UTC"));
        Assert.Equal(CodeStatus.Active, PromoCodeStatus.Of(endsOnTheTenth, now, "America/New_York"));
        var startsOnTheEleventh = Plain() with { PurchaseStart = new DateOnly(2026, 3, 11) };
        Assert.Equal(CodeStatus.Active, PromoCodeStatus.Of(startsOnTheEleventh, now, "Australia/Sydney"));
        Assert.Equal(CodeStatus.Scheduled, PromoCodeStatus.Of(startsOnTheEleventh, now, "UTC"));
    }

    [Fact]
    public void An_unknown_zone_reads_as_utc() =>
        Assert.Equal(new DateOnly(2026, 3, 10), PromoCodeStatus.Today(new DateTimeOffset(2026, 3, 10, 23, 0, 0, TimeSpan.Zero), "Mars/Olympus_Mons"));

    [Fact]
    public void Every_locations_today_at_one_instant()
    {
        var now = new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);
        var today = new LocationToday(now, [(1, "America/New_York"), (2, "Australia/Sydney"), (3, "Europe/London")]);
        Assert.Equal([new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 10)], new[] { 1, 2, 3 }.Select(id => LocationToday.At(today, id)));
        Assert.Equal(new DateOnly(2026, 3, 10), LocationToday.At(today, 99)); // a location created since: UTC
        Assert.Equal([2], today.Only(2).ByLocation.Keys);
        Assert.Equal([1, 3], today.Except(2).ByLocation.Keys.Order());
    }

    [Fact]
    public void The_api_names_and_the_list_words()
    {
        Assert.Equal(["scheduled", "active", "expired", "usedUp", "disabled", "archived"], PromoCodeStatus.All.Select(s => s.Name()));
        Assert.Equal(["Scheduled", "Active", "Expired", "Used up", "Disabled", "Archived"], PromoCodeStatus.All.Select(s => s.Label()));
        Assert.True(PromoCodeStatus.TryParse("usedUp", out var usedUp));
        Assert.Equal(CodeStatus.UsedUp, usedUp);
        Assert.False(PromoCodeStatus.TryParse("UsedUp", out _));
        Assert.False(PromoCodeStatus.TryParse("3", out _));
        Assert.False(PromoCodeStatus.TryParse(null, out _));
    }
}
