namespace PromoAdmin.Checkout.Evaluation;

/// <summary>Why a code does not apply, in the order the checks run (docs/rules.md#checkout-checks).</summary>
public enum RejectionReason
{
    CodeNotFound,
    CodeArchived,
    CodeDisabled,
    InternalOnly,
    QuantityExhausted,
    OutsidePurchaseDates,
    PurchaseDayNotAllowed,
    PurchaseTimeNotAllowed,
    BookingDateNotAllowed,
    BookingDateExcluded,
    BookingDayNotAllowed,
    BookingTimeNotAllowed,
    NoApplicableItems,
    EligibilityRuleNotMet,
    OrderMinimumNotMet,
    CustomerRequired,
    NotAssignedToCustomer,
    FirstOrderOnly,
    AlreadyUsedByAccount,
    CustomerLimitReached,
    NotCombinable,
    BudgetExhausted,
}

public static class RejectionReasonNames
{
    private static readonly string[] Codes =
    [
        "code_not_found", "code_archived", "code_disabled", "internal_only", "quantity_exhausted",
        "outside_purchase_dates", "purchase_day_not_allowed", "purchase_time_not_allowed", "booking_date_not_allowed", "booking_date_excluded",
        "booking_day_not_allowed", "booking_time_not_allowed", "no_applicable_items",
        "eligibility_rule_not_met", "order_minimum_not_met", "customer_required",
        "not_assigned_to_customer", "first_order_only", "already_used_by_account", "customer_limit_reached",
        "not_combinable", "budget_exhausted",
    ];

    private static readonly string[] Labels =
    [
        "Code exists at this location", "Not archived", "Enabled", "Allowed on this channel",
        "Usages remaining", "Purchase date", "Purchase day", "Purchase time", "Booking dates", "Exclusion dates", "Booking days",
        "Booking time", "Applicable items", "Eligibility rules", "Order minimum", "Customer given",
        "Assigned customer", "First order only", "One use per account", "Uses per customer",
        "Combining with other codes", "Campaign budget",
    ];

    /// <summary>All reasons in check order.</summary>
    public static IReadOnlyList<RejectionReason> InCheckOrder { get; } = Enum.GetValues<RejectionReason>();

    /// <summary>The API's spelling of a reason, e.g. <c>code_not_found</c>; null when unknown.</summary>
    public static RejectionReason? FromCode(string code)
    {
        var index = Array.IndexOf(Codes, code);
        return index < 0 ? null : (RejectionReason)index;
    }

    extension(RejectionReason reason)
    {
        /// <summary>The API's spelling, e.g. <c>quantity_exhausted</c>.</summary>
        public string Code => Codes[(int)reason];

        /// <summary>A short title for the Diagnose page.</summary>
        public string Label => Labels[(int)reason];

        /// <summary>1-based position in the check order (docs/rules.md#checkout-checks).</summary>
        public int Step => (int)reason + 1;
    }
}

/// <summary>
/// The one wording of each rejection that redeem may also answer when a race is lost inside its transaction (the fixed
/// messages, and the uses-per-customer limit), used by the evaluator and by redeem alike. The other reasons whose message
/// names the code's own dates, days, times, amounts or other codes are worded once each where they are checked, in
/// <see cref="PromoCodeEvaluator"/>.
/// docs/rules.md#rejection-reasons lists every message.
/// </summary>
public static class RejectionMessages
{
    public const string CodeNotFound = "We couldn't find this promo code.";
    public const string CodeArchived = "This code has been archived and can no longer be used.";
    public const string CodeDisabled = "This code is not active.";
    public const string InternalOnly = "This code can only be applied by staff.";
    public const string QuantityExhausted = "This code has been used up.";
    public const string NoApplicableItems = "This code doesn't apply to any item in your cart.";
    public const string CustomerRequired = "Sign in to use this code.";
    public const string NotAssignedToCustomer = "This code belongs to another customer.";
    public const string FirstOrderOnly = "This code is only valid on a first order.";
    public const string AlreadyUsedByAccount = "You've already used this code.";
    public const string BudgetExhausted = "This promotion has ended: its budget is used up.";

    /// <summary>"You've reached the limit of this code: 3 uses per customer each month."</summary>
    public static string CustomerLimitReached(int limit, Rules.UsagePeriod period) =>
        $"You've reached the limit of this code: {Wording.UsesPer(limit, period)}.";

    /// <summary>Either side may be the one that does not combine: this code, or a code already on the order.</summary>
    public static string NotCombinable(IEnumerable<string> codesOnOrder) =>
        $"This code can't be combined with {string.Join(", ", codesOnOrder)}, already on the order.";
}
