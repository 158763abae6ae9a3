using System.Globalization;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Web.Features.PromoCodes;

/// <summary>How a code's settings read on screen, in the product's words ("10% per line item", "Available any dates").</summary>
public static class PromoCodeText
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"per line item": the export's label, as it reads inside a sentence.</summary>
    public static string Suffix(this ValueScope type) => type.Label().ToLowerInvariant();

    public static string Label(this EligibilityRuleType type) => type == EligibilityRuleType.BuyXGetY ? "Buy X Get Y Rule" : "Minimum Quantity Rule";

    /// <summary>The list's Value: "10%", "Buy 2 get 1 free" or "10% off + Buy 2 get 1 free" (<see cref="PromoCodeLabels.Offer"/>).</summary>
    public static string Offer(PromoCode code, MoneyFormat money) =>
        PromoCodeLabels.Offer(code.RedemptionType, code.Amount, code.EligibilityRules, money);

    /// <summary>
    /// A code's quantity wherever it is shown (list, batch, form): what is left, of how many, and how many were used
    /// ("0 left of 1: 1 used"), as the stored quantity is what remains (docs/rules.md#redemption-rules).
    /// </summary>
    public static string Quantity(int? left, int used) => left is int n
        ? $"{n.ToString("N0", En)} left of {((long)n + used).ToString("N0", En)}: {used.ToString("N0", En)} used"
        : used == 0 ? "Unlimited" : $"Unlimited: {used.ToString("N0", En)} used";

    public static string Quantity(PromoCodeInventory inventory) => Quantity(inventory.Quantity, inventory.TimesUsed);

    /// <summary>The Status column's badge colour.</summary>
    public static string BadgeClass(this CodeStatus status) => status switch
    {
        CodeStatus.Active => "text-bg-success",
        CodeStatus.Scheduled => "text-bg-info",
        CodeStatus.Expired => "text-bg-warning",
        CodeStatus.UsedUp => "text-bg-dark",
        _ => "text-bg-secondary",
    };

    public static string Date(DateOnly date) => date.ToString("MMM d, yyyy", En);

    public static string DateRange(DateOnly? start, DateOnly? end) => (start, end) switch
    {
        (null, null) => "Available any dates",
        ({ } s, null) => $"From {Date(s)}",
        (null, { } e) => $"Until {Date(e)}",
        ({ } s, { } e) => $"{Date(s)} – {Date(e)}",
    };

    public static string TimeRange(TimeOnly? start, TimeOnly? end) =>
        start is null && end is null ? "Available any times"
            : $"{start?.ToString("h:mm tt", En) ?? "…"} – {end?.ToString("h:mm tt", En) ?? "…"}";

    public static readonly (string Value, string Label)[] Days =
        [("mon", "Mon"), ("tue", "Tue"), ("wed", "Wed"), ("thu", "Thu"), ("fri", "Fri"), ("sat", "Sat"), ("sun", "Sun")];

    /// <summary>"Sat, Sun", or null when every day qualifies.</summary>
    public static string? DaysText(BookingDays days) =>
        days == BookingDays.None ? null : string.Join(", ", Days.Where((_, i) => days.HasFlag((BookingDays)(1 << i))).Select(d => d.Label));

    public static string KindLabel(this CatalogItemKind kind) => kind switch
    {
        CatalogItemKind.Event => "Events",
        CatalogItemKind.Item => "Items",
        _ => "Gift card types",
    };

    /// <summary>The list's scope badge for a kind of catalog item: games (events), merchandise (items), gift cards.</summary>
    public static string BadgeLabel(this CatalogItemKind kind) => kind switch
    {
        CatalogItemKind.Event => "games",
        CatalogItemKind.Item => "merchandise",
        _ => "gift cards",
    };
}
