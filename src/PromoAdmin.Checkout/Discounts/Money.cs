namespace PromoAdmin.Checkout.Discounts;

/// <summary>The one place money is rounded: to cents, half away from zero.</summary>
internal static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Splits <paramref name="total"/> over cent amounts in proportion to <paramref name="weights"/>, so the
    /// parts sum exactly to the total (capped at the weights' sum) and no part exceeds its weight. Left-over
    /// cents go to the largest remainders, earlier lines first on ties, so the split is deterministic.
    /// </summary>
    public static decimal[] Spread(decimal total, IReadOnlyList<decimal> weights)
    {
        var parts = new decimal[weights.Count];
        var weightCents = weights.Select(w => (Int128)(long)(Math.Max(0m, Round(w)) * 100)).ToArray();
        Int128 sum = 0;
        foreach (var w in weightCents) sum += w;
        var totalCents = Int128.Min((Int128)(long)(Math.Max(0m, Round(total)) * 100), sum);
        if (totalCents <= 0) return parts;

        var cents = new Int128[parts.Length];
        var remainders = new Int128[parts.Length];
        Int128 given = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            (cents[i], remainders[i]) = Int128.DivRem(totalCents * weightCents[i], sum);
            given += cents[i];
        }
        var order = Enumerable.Range(0, parts.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i);
        foreach (var i in order.Take((int)(totalCents - given))) cents[i]++;

        for (var i = 0; i < parts.Length; i++) parts[i] = (decimal)(long)cents[i] / 100m;
        return parts;
    }
}
