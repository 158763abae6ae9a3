namespace PromoAdmin.Checkout.Rules;

/// <summary>A condition the cart must meet for the code to be valid.</summary>
public abstract record EligibilityRule;

/// <summary>The qualifying lines hold at least <paramref name="Minimum"/> units ("groups of 6+").</summary>
public sealed record MinimumQuantityRule(int Minimum) : EligibilityRule;

/// <summary>
/// For every <paramref name="BuyQuantity"/> "buy" units, <paramref name="GetQuantity"/> "get" units
/// (the cheapest) are <paramref name="GetPercentOff"/> percent off. Empty item lists mean the code's
/// applicable items. Only complete sets count.
/// </summary>
public sealed record BuyXGetYRule(
    int BuyQuantity,
    int GetQuantity,
    decimal GetPercentOff,
    IReadOnlyCollection<string> BuyItems,
    IReadOnlyCollection<string> GetItems) : EligibilityRule
{
    public BuyXGetYRule(int buyQuantity, int getQuantity, decimal getPercentOff = 100m)
        : this(buyQuantity, getQuantity, getPercentOff, [], []) { }
}
