using PromoAdmin.Checkout.Rules;

namespace PromoAdmin.Checkout.Evaluation;

/// <summary>Where a uses-per-customer period begins, on the location's calendar (docs/rules.md#settings).</summary>
public static class UsagePeriods
{
    /// <summary>
    /// The instant the period holding <paramref name="at"/> began in <paramref name="timeZoneId"/>: local midnight of the
    /// day, of the week's Monday or of the month's first day; null for <see cref="UsagePeriod.Ever"/>. A midnight that a
    /// daylight-saving change skips starts at the first valid moment after it; one that happens twice (a zone falling back
    /// at 01:00 to 00:00) at the first of the two, so the period never starts after a moment of its own day.
    /// </summary>
    public static DateTimeOffset? Start(UsagePeriod period, DateTimeOffset at, string timeZoneId)
    {
        if (period == UsagePeriod.Ever) return null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var first = period switch
        {
            UsagePeriod.Day => local,
            UsagePeriod.Week => local.AddDays(-(((int)local.DayOfWeek + 6) % 7)),
            _ => new DateOnly(local.Year, local.Month, 1),
        };
        var midnight = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(15);
        // GetUtcOffset answers an ambiguous time with the standard offset, the later of the two instants.
        var offset = zone.IsAmbiguousTime(midnight) ? zone.GetAmbiguousTimeOffsets(midnight).Max() : zone.GetUtcOffset(midnight);
        return new DateTimeOffset(midnight, offset).ToUniversalTime();
    }
}
