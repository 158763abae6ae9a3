using System.Globalization;

namespace PromoAdmin.Domain.Common;

/// <summary>
/// How an instant reads on the pages (docs/rules.md#times-and-money): in a location's time zone, labelled with the zone's
/// UTC offset at that instant ("2026-12-07 14:05 UTC+1"). The offset, not an abbreviation: .NET gives no zone
/// abbreviations (ICU names zones in long words), and an offset is exact across daylight saving time.
/// </summary>
public static class LocalTime
{
    /// <summary>A location's zone; none, or one the system does not know, reads as UTC.</summary>
    public static TimeZoneInfo Zone(string? timeZoneId) =>
        timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;

    /// <summary>"2026-12-07 14:05 UTC+1".</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + OffsetLabel(local.Offset);
    }

    /// <summary>"UTC", "UTC+1", "UTC-5", "UTC+5:30".</summary>
    public static string OffsetLabel(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero) return "UTC";
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return $"UTC{sign}{abs.Hours.ToString(CultureInfo.InvariantCulture)}" + (abs.Minutes == 0 ? "" : ":" + abs.Minutes.ToString("00", CultureInfo.InvariantCulture));
    }

    /// <summary>The first instant of a date in a zone: midnight, or the end of the clocks' jump where they skip midnight.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        for (var minutes = 0; ; minutes += 15)
            if (FromLocal(midnight.AddMinutes(minutes), zone) is { } start) return start;
    }

    /// <summary>
    /// A wall-clock time typed for a location, as the instant it names. A time the clocks skip (the hour lost when daylight
    /// saving time starts) names no instant: null. A time that happens twice (the hour repeated when it ends) is the first.
    /// </summary>
    public static DateTimeOffset? FromLocal(DateTime wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) return null;
        // Of an ambiguous time's two offsets the larger is the earlier instant (daylight time, before the clocks go back).
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
