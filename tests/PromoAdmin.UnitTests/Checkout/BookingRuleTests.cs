using PromoAdmin.Checkout.Carts;
using static PromoAdmin.UnitTests.Checkout.Given;

namespace PromoAdmin.UnitTests.Checkout;

public sealed class BookingRuleTests
{
    private static readonly DayOfWeek[] Weekends = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    [Fact]
    public void Exclusion_dates_override_allowed_days()
    {
        var code = Code() with { DaysOfWeek = Weekends, ExclusionDates = [Saturday] };

        var result = Evaluate(code, Cart(Event("1", Saturday)));

        Assert.Equal(["booking_date_excluded"], result.ErrorCodes());
        Assert.Contains("14 Mar 2026", result.Errors[0].Message);
    }

    [Fact]
    public void Exclusion_dates_override_booking_date_ranges()
    {
        var code = Code() with { BookingStart = new(2026, 3, 1), BookingEnd = new(2026, 3, 31), ExclusionDates = [Saturday] };

        Assert.Equal(["booking_date_excluded"], Evaluate(code, Cart(Event("1", Saturday))).ErrorCodes());
        Assert.True(Evaluate(code, Cart(Event("1", Sunday))).IsValid);
    }

    [Fact]
    public void Booking_dates_are_inclusive_at_both_ends()
    {
        var code = Code() with { BookingStart = Saturday, BookingEnd = Sunday };

        Assert.True(Evaluate(code, Cart(Event("1", Saturday))).IsValid);
        Assert.True(Evaluate(code, Cart(Event("1", Sunday))).IsValid);
        Assert.Equal(["booking_date_not_allowed"], Evaluate(code, Cart(Event("1", Monday))).ErrorCodes());
    }

    [Fact]
    public void Booking_rules_never_reject_non_event_lines()
    {
        // A code that includes gift cards, so that both non-event kinds are discounted.
        var code = Code() with
        {
            BookingStart = new(2026, 4, 1), ExclusionDates = [Saturday], DaysOfWeek = Weekends,
            BookingTimeStart = new(10, 0), BookingTimeEnd = new(12, 0), IncludeGiftCards = true,
        };

        var result = Evaluate(code, Cart(Item("1", 10m), new CartLine("2", "gift-card-25", ItemKind.GiftCard, 25m, 1)));

        Assert.True(result.IsValid);
        Assert.Equal(["1", "2"], result.Discount!.Lines.Select(l => l.LineId));
        Assert.Equal(3.5m, result.Discount.Total);
    }

    [Fact]
    public void Booking_rules_leave_a_gift_card_line_out_of_a_code_that_does_not_include_gift_cards()
    {
        var code = Code() with { BookingStart = new(2026, 4, 1), DaysOfWeek = Weekends };

        var result = Evaluate(code, Cart(Item("1", 10m), new CartLine("2", "gift-card-25", ItemKind.GiftCard, 25m, 1)));

        Assert.True(result.IsValid);
        Assert.Equal(["1"], result.Discount!.Lines.Select(l => l.LineId));
        Assert.Equal(1m, result.Discount.Total);
    }

    [Fact]
    public void Booking_filters_narrow_progressively_so_each_rule_judges_the_lines_that_passed_the_previous_one()
    {
        // The Saturday booking is outside the dates, the in-range booking is on a Monday: no line passes both.
        var code = Code() with { BookingStart = Monday, BookingEnd = Wednesday, DaysOfWeek = Weekends };

        var result = Evaluate(code, Cart(Event("1", Monday), Event("2", Saturday)));

        Assert.Equal(["booking_day_not_allowed"], result.ErrorCodes());
    }

    [Fact]
    public void A_failed_booking_rule_does_not_make_the_later_ones_fail_for_the_same_lines()
    {
        var code = Code() with { BookingStart = new(2026, 4, 1), DaysOfWeek = Weekends, ExclusionDates = [new(2026, 12, 25)] };

        var result = Evaluate(code, Cart(Event("1", Saturday)));

        Assert.Equal(["booking_date_not_allowed"], result.ErrorCodes());
    }

    [Fact]
    public void Every_booking_rule_an_event_breaks_is_reported()
    {
        var code = Code() with { BookingStart = new(2026, 4, 1), DaysOfWeek = Weekends, BookingTimeStart = new(9, 0), BookingTimeEnd = new(12, 0) };

        var result = Evaluate(code, Cart(Event("1", Monday, new TimeOnly(18, 0))));

        Assert.Equal(["booking_date_not_allowed", "booking_day_not_allowed", "booking_time_not_allowed"], result.ErrorCodes());
    }

    [Fact]
    public void Only_event_lines_that_pass_the_booking_rules_get_the_discount()
    {
        var code = Code() with { ExclusionDates = [Saturday] };

        var result = Evaluate(code, Cart(Event("sat", Saturday, unitPrice: 30m), Event("sun", Sunday, unitPrice: 40m), Item("mug", 10m)));

        Assert.True(result.IsValid);
        Assert.Equal(["sun", "mug"], result.Discount!.Lines.Select(l => l.LineId));
        Assert.Equal(5m, result.Discount.Total);
    }

    [Fact]
    public void Applicable_items_are_matched_after_the_booking_filters()
    {
        var code = Code() with { ApplicableTo = ["escape-room"], ExclusionDates = [Saturday] };

        var result = Evaluate(code, Cart(Event("1", Saturday), Event("2", Sunday, itemKey: "laser-tag")));

        Assert.Equal(["no_applicable_items"], result.ErrorCodes());
    }

    [Theory]
    [InlineData(9, 59, false)]
    [InlineData(10, 0, true)]
    [InlineData(13, 59, true)]
    [InlineData(14, 0, false)]
    public void Booking_time_window_includes_its_start_and_excludes_its_end(int hour, int minute, bool applies)
    {
        var code = Code() with { BookingTimeStart = new(10, 0), BookingTimeEnd = new(14, 0) };

        var result = Evaluate(code, Cart(Event("1", Saturday, new TimeOnly(hour, minute))));

        Assert.Equal(applies, result.IsValid);
        if (!applies) Assert.Equal(["booking_time_not_allowed"], result.ErrorCodes());
    }

    [Theory]
    [InlineData(21, 0, false)]
    [InlineData(22, 0, true)]
    [InlineData(1, 30, true)]
    [InlineData(2, 0, false)]
    public void A_booking_time_window_may_run_past_midnight(int hour, int minute, bool applies)
    {
        var code = Code() with { BookingTimeStart = new(22, 0), BookingTimeEnd = new(2, 0) };

        Assert.Equal(applies, Evaluate(code, Cart(Event("1", Saturday, new TimeOnly(hour, minute)))).IsValid);
    }

    [Fact]
    public void An_event_without_a_booking_date_does_not_meet_a_booking_date_rule()
    {
        var code = Code() with { BookingStart = new(2026, 3, 1) };
        var undated = new CartLine("1", "escape-room", ItemKind.Event, 20m, 1);

        Assert.Equal(["booking_date_not_allowed"], Evaluate(code, Cart(undated)).ErrorCodes());
    }

    [Fact]
    public void Selecting_all_seven_days_is_the_same_as_selecting_none()
    {
        var code = Code() with { DaysOfWeek = Enum.GetValues<DayOfWeek>() };
        var undated = new CartLine("1", "escape-room", ItemKind.Event, 20m, 1);

        Assert.True(Evaluate(code, Cart(undated)).IsValid);
    }
}
