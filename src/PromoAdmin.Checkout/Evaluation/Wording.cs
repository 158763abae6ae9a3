using PromoAdmin.Checkout.Rules;
using System.Globalization;

namespace PromoAdmin.Checkout.Evaluation;

/// <summary>How dates, times and money read in check messages: one culture-independent spelling.</summary>
internal static class Wording
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", Invariant);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", Invariant);

    public static string Money(decimal amount) => amount.ToString("0.00", Invariant);

    public static string Percent(decimal percent) => percent.ToString("0.##", Invariant) + "%";

    public static string DateRange(DateOnly? start, DateOnly? end) => (start, end) switch
    {
        ({ } s, { } e) => $"from {Date(s)} to {Date(e)}",
        ({ } s, null) => $"from {Date(s)}",
        (null, { } e) => $"until {Date(e)}",
        _ => "on any date",
    };

    public static string TimeRange(TimeOnly? start, TimeOnly? end) => (start, end) switch
    {
        ({ } s, { } e) => $"at or after {Time(s)} and before {Time(e)}",
        ({ } s, null) => $"at or after {Time(s)}",
        (null, { } e) => $"before {Time(e)}",
        _ => "at any time",
    };

    public static string Days(IEnumerable<DayOfWeek> days) =>
        string.Join(", ", days.Distinct().OrderBy(d => ((int)d + 6) % 7).Select(d => Invariant.DateTimeFormat.GetAbbreviatedDayName(d)));

    public static string Times(long count) => count == 1 ? "once" : $"{count} times";

    /// <summary>"3 uses per customer each month", "1 use per customer".</summary>
    public static string UsesPer(int limit, UsagePeriod period) =>
        (limit == 1 ? "1 use" : $"{limit} uses") + " per customer" + period switch
        {
            UsagePeriod.Day => " each day",
            UsagePeriod.Week => " each week",
            UsagePeriod.Month => " each month",
            _ => "",
        };

    public static string Items(long count) => count == 1 ? "1 item" : $"{count} items";
}
