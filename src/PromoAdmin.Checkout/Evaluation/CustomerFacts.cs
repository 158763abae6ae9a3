namespace PromoAdmin.Checkout.Evaluation;

/// <summary>What the evaluation needs to know about the shopper's account and the organisation.</summary>
public sealed record CustomerFacts
{
    /// <summary>The checkout's account id; null for a guest.</summary>
    public string? Key { get; init; }
    public bool IsFirstOrder { get; init; }
    /// <summary>This customer has already redeemed this code (for one-use-per-account codes).</summary>
    public bool HasUsedThisCode { get; init; }
    /// <summary>This customer's applied redemptions of this code in the current uses-per-customer period.</summary>
    public int UsesInPeriod { get; init; }
    /// <summary>The organisation's "credits enabled" setting.</summary>
    public bool CreditsEnabled { get; init; } = true;

    public static CustomerFacts Guest { get; } = new();

    internal bool IsKnown => !string.IsNullOrWhiteSpace(Key);
}
