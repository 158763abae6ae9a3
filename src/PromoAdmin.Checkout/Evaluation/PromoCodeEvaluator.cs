using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Discounts;
using PromoAdmin.Checkout.Rules;
using static PromoAdmin.Checkout.Evaluation.RejectionReason;

namespace PromoAdmin.Checkout.Evaluation;

/// <summary>
/// Decides whether a promo code applies to a cart and what it takes off (docs/rules.md#checkout-checks). Pure: the
/// caller loads the code, the customer's history and the purchase time; nothing here reads a clock,
/// a database or configuration.
/// </summary>
public static class PromoCodeEvaluator
{
    /// <param name="code">The code found at the location, or null when there is none.</param>
    /// <param name="purchasedAt">When the order is placed; read in the code's location zone.</param>
    /// <exception cref="TimeZoneNotFoundException">The code has purchase dates and an unknown zone id.</exception>
    public static EvaluationResult Evaluate(PromoCodeRules? code, Cart cart, CustomerFacts customer, DateTimeOffset purchasedAt)
    {
        if (code is null)
        {
            var notFound = new CheckOutcome(CodeNotFound, false, RejectionMessages.CodeNotFound);
            return new EvaluationResult([notFound], [new Rejection(CodeNotFound, notFound.Message)], null);
        }

        var lines = QualifyingLines.Find(code, cart);
        List<CheckOutcome> checks =
        [
            new(CodeNotFound, true, "The code exists."),
            Check(CodeArchived, !code.Archived,
                "The code is not archived.", RejectionMessages.CodeArchived),
            Check(CodeDisabled, code.Enabled, "The code is enabled.", RejectionMessages.CodeDisabled),
            Check(InternalOnly, !(code.InternalOnly && cart.Channel == SalesChannel.Online),
                code.InternalOnly ? "Internal-only code applied by staff." : "The code can be used on any channel.",
                RejectionMessages.InternalOnly),
            Check(QuantityExhausted, code.QuantityRemaining is not { } left || left > 0,
                code.QuantityRemaining is { } n ? $"{n} usages remaining." : "Unlimited usages.",
                RejectionMessages.QuantityExhausted),
            .. PurchaseMoment(code, purchasedAt),
            // The booking messages are spelled out only for the outcome that happened (validate runs on every checkout).
            Booking(BookingDateNotAllowed, lines.BookingDates, lines, "Any booking date is allowed.",
                () => $"An event is booked {Wording.DateRange(code.BookingStart, code.BookingEnd)}.",
                () => $"This code is only valid for events booked {Wording.DateRange(code.BookingStart, code.BookingEnd)}."),
            Booking(BookingDateExcluded, lines.Exclusions, lines, "No exclusion dates.",
                () => "An event is booked on a date that is not excluded.",
                () => $"This code can't be used for events on {ExcludedDatesInCart(code, cart)}."),
            Booking(BookingDayNotAllowed, lines.Days, lines, "Any day of the week is allowed.",
                () => "An event is booked on an allowed day.",
                () => $"This code is only valid for events on {Wording.Days(code.DaysOfWeek)}."),
            Booking(BookingTimeNotAllowed, lines.Times, lines, "Any start time is allowed.",
                () => "An event starts within the allowed time.",
                () => $"This code is only valid for events starting {Wording.TimeRange(code.BookingTimeStart, code.BookingTimeEnd)}."),
            Check(NoApplicableItems, lines.Applicable.Count > 0,
                $"{Wording.Items(lines.Applicable.Count)} in the cart qualify.",
                RejectionMessages.NoApplicableItems),
            Eligibility(code, lines),
            OrderMinimum(code, cart),
            .. CustomerChecks(code, customer),
            Combining(code, cart),
        ];

        // The budget is judged on what this redemption would give, so the discount is worked out before the last check; a code
        // already refused without a budget to weigh needs none (validate answers many refusals).
        var worked = code.Budget is not null || checks.TrueForAll(c => c.Passed) ? DiscountCalculator.Calculate(lines, cart, customer.CreditsEnabled) : null;
        checks.Add(Budget(code, worked));
        var errors = checks.Where(c => !c.Passed).Select(c => new Rejection(c.Reason, c.Message)).ToList();
        return new EvaluationResult(checks, errors, errors.Count == 0 ? worked : null);
    }

    private static CheckOutcome Check(RejectionReason reason, bool passed, string passMessage, string failMessage) =>
        new(reason, passed, passed ? passMessage : failMessage);

    /// <summary>Checks 6-8: the purchase's date, day of the week and time of day, all read in the location's zone.</summary>
    private static IEnumerable<CheckOutcome> PurchaseMoment(PromoCodeRules code, DateTimeOffset purchasedAt)
    {
        var dates = code.PurchaseStart is not null || code.PurchaseEnd is not null;
        var days = code.PurchaseDaysOfWeek.Count is > 0 and < 7;
        var times = code.PurchaseTimeStart is not null || code.PurchaseTimeEnd is not null;
        var local = dates || days || times
            ? TimeZoneInfo.ConvertTime(purchasedAt, TimeZoneInfo.FindSystemTimeZoneById(code.TimeZoneId)).DateTime
            : default;
        var today = DateOnly.FromDateTime(local);
        var now = TimeOnly.FromDateTime(local);

        if (!dates) yield return new(OutsidePurchaseDates, true, "The code can be used on any purchase date.");
        else
        {
            var inside = (code.PurchaseStart is not { } s || today >= s) && (code.PurchaseEnd is not { } e || today <= e);
            var range = Wording.DateRange(code.PurchaseStart, code.PurchaseEnd);
            yield return Check(OutsidePurchaseDates, inside,
                $"It is {Wording.Date(today)} at the location, within the purchase dates ({range}).",
                $"This code can only be used for purchases {range}; it is {Wording.Date(today)} at the location.");
        }

        if (!days) yield return new(PurchaseDayNotAllowed, true, "The code can be used on any day of the week.");
        else
        {
            var day = Wording.Days([today.DayOfWeek]);
            yield return code.PurchaseDaysOfWeek.Contains(today.DayOfWeek)
                ? new(PurchaseDayNotAllowed, true, $"It is {day} at the location, an allowed day.")
                : new(PurchaseDayNotAllowed, false,
                    $"This code can only be used on {Wording.Days(code.PurchaseDaysOfWeek)}; it is {day} at the location.");
        }

        if (!times) yield return new(PurchaseTimeNotAllowed, true, "The code can be used at any time of day.");
        else
        {
            var window = Wording.TimeRange(code.PurchaseTimeStart, code.PurchaseTimeEnd);
            yield return QualifyingLines.InTimeWindow(now, code.PurchaseTimeStart, code.PurchaseTimeEnd)
                ? new(PurchaseTimeNotAllowed, true, $"It is {Wording.Time(now)} at the location, within the allowed time ({window}).")
                : new(PurchaseTimeNotAllowed, false,
                    $"This code can only be used {window}; it is {Wording.Time(now)} at the location.");
        }
    }

    private static CheckOutcome Booking(
        RejectionReason reason, BookingVerdict verdict, QualifyingLines lines, string noRule, Func<string> passed, Func<string> failed) =>
        verdict switch
        {
            BookingVerdict.Failed => new(reason, false, failed()),
            BookingVerdict.Passed => new(reason, true, passed()),
            _ => new(reason, true, lines.HasEventLines ? noRule : "No event bookings in the cart."),
        };

    /// <summary>The blacked-out dates of the event lines the code could act on: a line it never discounts is not named.</summary>
    private static string ExcludedDatesInCart(PromoCodeRules code, Cart cart)
    {
        var excluded = code.ExclusionDates.ToHashSet();
        var dates = cart.Lines
            .Where(l => l.Kind == ItemKind.Event && QualifyingLines.IsUsable(l) && !QualifyingLines.IsExcluded(code, l)
                        && l.BookingDate is { } d && excluded.Contains(d))
            .Select(l => l.BookingDate!.Value).Distinct().Order().Select(Wording.Date);
        return string.Join(", ", dates);
    }

    private static CheckOutcome Eligibility(PromoCodeRules code, QualifyingLines lines)
    {
        if (code.EligibilityRules.Count == 0) return new(EligibilityRuleNotMet, true, "No eligibility rules.");

        var problems = new List<string>();
        foreach (var rule in code.EligibilityRules)
        {
            switch (rule)
            {
                case MinimumQuantityRule min:
                    var units = lines.Applicable.Sum(l => (long)l.Quantity);
                    if (units < min.Minimum)
                        problems.Add($"This code needs at least {Wording.Items(min.Minimum)} that qualify; the cart has {units}.");
                    break;
                case BuyXGetYRule bxgy when BuyXGetYReward.For(bxgy, lines).Sets == 0:
                    problems.Add($"Buy {bxgy.BuyQuantity}, get {bxgy.GetQuantity} at {Wording.Percent(bxgy.GetPercentOff)} off: " +
                        $"add {Wording.Items((long)bxgy.BuyQuantity + bxgy.GetQuantity)} that qualify to use this code.");
                    break;
            }
        }
        return problems.Count == 0
            ? new(EligibilityRuleNotMet, true, "Every eligibility rule is met.")
            : new(EligibilityRuleNotMet, false, string.Join(" ", problems));
    }

    private static CheckOutcome OrderMinimum(PromoCodeRules code, Cart cart)
    {
        if (code.OrderMinimum is not { } minimum) return new(OrderMinimumNotMet, true, "No order minimum.");
        var subtotal = QualifyingLines.CountedSubtotal(code, cart);
        return Check(OrderMinimumNotMet, subtotal >= minimum,
            $"The order subtotal {Wording.Money(subtotal)} reaches the {Wording.Money(minimum)} minimum.",
            $"Spend at least {Wording.Money(minimum)} to use this code; the order subtotal is {Wording.Money(subtotal)}.");
    }

    private static IEnumerable<CheckOutcome> CustomerChecks(PromoCodeRules code, CustomerFacts customer)
    {
        var needsCustomer = code.FirstOrderOnly || code.OneUsePerAccount || code.UsesPerCustomer is not null || code.AssignedCustomerKey is not null;
        const string noCustomer = "Not checked: no customer was given.";

        yield return !needsCustomer
            ? new(CustomerRequired, true, "The code does not need a customer.")
            : Check(CustomerRequired, customer.IsKnown, "A customer was given.", RejectionMessages.CustomerRequired);

        yield return code.AssignedCustomerKey is not { } assigned
            ? new(NotAssignedToCustomer, true, "The code is not assigned to a customer.")
            : !customer.IsKnown ? new(NotAssignedToCustomer, true, noCustomer)
            : Check(NotAssignedToCustomer, string.Equals(assigned, customer.Key, StringComparison.Ordinal),
                "The code is assigned to this customer.", RejectionMessages.NotAssignedToCustomer);

        yield return !code.FirstOrderOnly
            ? new(FirstOrderOnly, true, "The code is not limited to first orders.")
            : !customer.IsKnown ? new(FirstOrderOnly, true, noCustomer)
            : Check(FirstOrderOnly, customer.IsFirstOrder,
                "This is the customer's first order.", RejectionMessages.FirstOrderOnly);

        yield return !code.OneUsePerAccount
            ? new(AlreadyUsedByAccount, true, "The code can be used more than once per account.")
            : !customer.IsKnown ? new(AlreadyUsedByAccount, true, noCustomer)
            : Check(AlreadyUsedByAccount, !customer.HasUsedThisCode,
                "The customer has not used this code yet.", RejectionMessages.AlreadyUsedByAccount);

        if (code.UsesPerCustomer is not { } limit)
            yield return new(CustomerLimitReached, true, "The code has no limit of uses per customer.");
        else
        {
            var allowed = Wording.UsesPer(limit, code.UsesPerCustomerPeriod);
            yield return !customer.IsKnown ? new(CustomerLimitReached, true, noCustomer)
                : customer.UsesInPeriod < limit
                    ? new(CustomerLimitReached, true, $"The customer has used it {Wording.Times(customer.UsesInPeriod)} of {allowed}.")
                    : new(CustomerLimitReached, false, RejectionMessages.CustomerLimitReached(limit, code.UsesPerCustomerPeriod));
        }
    }

    private static CheckOutcome Budget(PromoCodeRules code, Discount? discount)
    {
        if (code.Budget is not { } left || discount is null) return new(BudgetExhausted, true, "The code's campaign has no budget.");
        var given = discount.Given;
        var passed = (left.Redemptions is not { } n || n > 0) && (left.Discount is not { } money || given <= money);
        var remaining = string.Join(" and ", new[]
        {
            left.Redemptions is { } r ? $"{r} redemptions" : null,
            left.Discount is { } d ? $"{Wording.Money(d)} of discount" : null,
        }.OfType<string>());
        return passed
            ? new(BudgetExhausted, true, $"The campaign budget has {remaining} left; this order takes {Wording.Money(given)}.")
            : new(BudgetExhausted, false, RejectionMessages.BudgetExhausted);
    }

    private static CheckOutcome Combining(PromoCodeRules code, Cart cart)
    {
        if (cart.AppliedCodes.Count == 0) return new(NotCombinable, true, "No other promo code is on the order.");
        // Re-validating an order that already carries this code must not count it twice.
        var own = Normalize(code.Code);
        var others = cart.AppliedCodes.Where(a => Normalize(a.Code) != own).ToList();
        if (others.Count == 0) return new(NotCombinable, true, "No other promo code is on the order.");
        if (!code.Combinable)
            return new(NotCombinable, false, RejectionMessages.NotCombinable(others.Select(o => o.Code)));
        var blocking = others.FirstOrDefault(o => !o.Combinable);
        return blocking is null
            ? new(NotCombinable, true, "Every code on the order can be combined.")
            : new(NotCombinable, false, RejectionMessages.NotCombinable([blocking.Code]));
    }

    /// <summary>Codes compare ignoring case, spaces and hyphens (docs/rules.md#code-text).</summary>
    private static string Normalize(string code) =>
        string.Concat(code.Where(c => c != '-' && !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant));
}
