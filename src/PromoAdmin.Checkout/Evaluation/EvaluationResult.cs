using PromoAdmin.Checkout.Discounts;

namespace PromoAdmin.Checkout.Evaluation;

/// <summary>A failed check, as the checkout shows it.</summary>
public sealed record Rejection(RejectionReason Reason, string Message)
{
    public string Code => Reason.Code;
}

/// <summary>One checkout check (docs/rules.md#checkout-checks) with its verdict, for the "Why isn't my code applying?" page.</summary>
public sealed record CheckOutcome(RejectionReason Reason, bool Passed, string Message)
{
    public string Code => Reason.Code;
    public string Label => Reason.Label;
}

/// <summary>
/// The verdict on one code for one cart. <see cref="Checks"/> holds every check in order (only the first
/// when the code was not found); <see cref="Errors"/> the failed ones, the first being the primary reason.
/// <see cref="Discount"/> is set only when the code is valid.
/// </summary>
public sealed record EvaluationResult(
    IReadOnlyList<CheckOutcome> Checks,
    IReadOnlyList<Rejection> Errors,
    Discount? Discount)
{
    public bool IsValid => Errors.Count == 0;

    public Rejection? PrimaryReason => Errors.Count == 0 ? null : Errors[0];
}
