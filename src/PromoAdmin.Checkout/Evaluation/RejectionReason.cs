namespace PromoAdmin.Checkout.Evaluation;

/// <summary>Why a code does not apply: SPEC section 4, in the order the checks run.</summary>
public enum RejectionReason
{
    CodeNotFound,
    CodeArchived,
    CodeDisabled,
    InternalOnly,
    QuantityExhausted,
    OutsidePurchaseDates,
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
    NotCombinable,
}

public static class RejectionReasonNames
{
    private static readonly string[] Codes =
    [
        "code_not_found", "code_archived", "code_disabled", "internal_only", "quantity_exhausted",
        "outside_purchase_dates", "booking_date_not_allowed", "booking_date_excluded",
        "booking_day_not_allowed", "booking_time_not_allowed", "no_applicable_items",
        "eligibility_rule_not_met", "order_minimum_not_met", "customer_required",
        "not_assigned_to_customer", "first_order_only", "already_used_by_account", "not_combinable",
    ];

    private static readonly string[] Labels =
    [
        "Code exists at this location", "Not archived", "Enabled", "Allowed on this channel",
        "Usages remaining", "Purchase date", "Booking dates", "Exclusion dates", "Booking days",
        "Booking time", "Applicable items", "Eligibility rules", "Order minimum", "Customer given",
        "Assigned customer", "First order only", "One use per account", "Combining with other codes",
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

        /// <summary>1-based position in SPEC section 4.</summary>
        public int Step => (int)reason + 1;
    }
}
