using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Rules;

namespace PromoAdmin.Checkout.Evaluation;

/// <summary>How one booking rule (checks 7-10) judged the cart's event lines.</summary>
internal enum BookingVerdict { NotApplicable, Passed, Failed }

/// <summary>
/// Which cart lines a code can act on. The booking rules narrow the event lines step by step
/// (dates, exclusions, days, time); a step that would leave none fails and narrows nothing, so each
/// later step is judged on its own. Non-event lines are never touched by booking rules.
/// </summary>
internal sealed class QualifyingLines
{
    private QualifyingLines(PromoCodeRules code) => Code = code;

    public PromoCodeRules Code { get; }
    public bool HasEventLines { get; private set; }
    public BookingVerdict BookingDates { get; private set; }
    public BookingVerdict Exclusions { get; private set; }
    public BookingVerdict Days { get; private set; }
    public BookingVerdict Times { get; private set; }

    /// <summary>Usable lines, not excluded, that survive the booking filters, in cart order.</summary>
    public IReadOnlyList<CartLine> Candidates { get; private set; } = [];

    /// <summary>Candidates whose item is in "Applicable to" (all of them when it is empty).</summary>
    public IReadOnlyList<CartLine> Applicable { get; private set; } = [];

    /// <summary>The lines the code's amount is spread over.</summary>
    public IReadOnlyList<CartLine> DiscountBase => Code.ApplyOnlyToApplicable ? Applicable : Candidates;

    public static bool IsUsable(CartLine line) => line.Quantity > 0 && line.UnitPrice >= 0;

    /// <summary>A buy-X-get-Y pool: the named items among the candidates, or the applicable lines.</summary>
    public IReadOnlyList<CartLine> Pool(IReadOnlyCollection<string> items) =>
        items.Count == 0 ? Applicable : Candidates.Where(l => items.Contains(l.ItemKey, StringComparer.Ordinal)).ToList();

    /// <summary>
    /// A line the code never discounts and never counts toward a minimum: an excluded item, an item of an excluded group,
    /// or a gift card when the code does not include gift cards.
    /// </summary>
    public static bool IsExcluded(PromoCodeRules code, CartLine line) =>
        (line.Kind == ItemKind.GiftCard && !code.IncludeGiftCards)
        || (code.ExcludedItems.Count > 0 && code.ExcludedItems.Contains(line.ItemKey))
        || line.IsIn(code.ExcludedGroups);

    /// <summary>A line named by Applicable to, by item or by catalog group; with neither set, every line.</summary>
    public static bool IsApplicable(PromoCodeRules code, CartLine line) =>
        (code.ApplicableTo.Count == 0 && code.ApplicableGroups.Count == 0)
        || code.ApplicableTo.Contains(line.ItemKey)
        || line.IsIn(code.ApplicableGroups);

    /// <summary>What the order minimum is compared with: every line but the excluded ones, before discounts and shipping.</summary>
    public static decimal CountedSubtotal(PromoCodeRules code, Cart cart) =>
        cart.Lines.Where(l => !IsExcluded(code, l)).Sum(l => l.Subtotal);

    public static QualifyingLines Find(PromoCodeRules code, Cart cart)
    {
        var result = new QualifyingLines(code);
        var usable = cart.Lines.Where(l => IsUsable(l) && !IsExcluded(code, l)).ToList();
        var events = usable.Where(l => l.Kind == ItemKind.Event).ToList();
        result.HasEventLines = events.Count > 0;

        BookingVerdict Narrow(bool ruleSet, Func<CartLine, bool> keep)
        {
            if (!ruleSet || events.Count == 0) return BookingVerdict.NotApplicable;
            var kept = events.Where(keep).ToList();
            if (kept.Count == 0) return BookingVerdict.Failed;
            events = kept;
            return BookingVerdict.Passed;
        }

        var exclusions = code.ExclusionDates.ToHashSet();
        var days = code.DaysOfWeek.ToHashSet();
        result.BookingDates = Narrow(code.BookingStart is not null || code.BookingEnd is not null,
            l => l.BookingDate is { } d && (code.BookingStart is not { } s || d >= s) && (code.BookingEnd is not { } e || d <= e));
        result.Exclusions = Narrow(exclusions.Count > 0, l => l.BookingDate is not { } d || !exclusions.Contains(d));
        result.Days = Narrow(days.Count is > 0 and < 7, l => l.BookingDate is { } d && days.Contains(d.DayOfWeek));
        result.Times = Narrow(code.BookingTimeStart is not null || code.BookingTimeEnd is not null,
            l => l.BookingStartTime is { } t && InTimeWindow(t, code.BookingTimeStart, code.BookingTimeEnd));

        var survivingEvents = events.ToHashSet(ReferenceEqualityComparer.Instance);
        result.Candidates = usable.Where(l => l.Kind != ItemKind.Event || survivingEvents.Contains(l)).ToList();
        result.Applicable = result.Candidates.Where(l => IsApplicable(code, l)).ToList();
        return result;
    }

    /// <summary>Start inclusive, end exclusive; a start after the end wraps past midnight.</summary>
    internal static bool InTimeWindow(TimeOnly time, TimeOnly? start, TimeOnly? end) => (start, end) switch
    {
        ({ } s, { } e) when s <= e => time >= s && time < e,
        ({ } s, { } e) => time >= s || time < e,
        ({ } s, null) => time >= s,
        (null, { } e) => time < e,
        _ => true,
    };
}
