using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Checkout.Rules;

namespace PromoAdmin.Checkout.Discounts;

/// <summary>
/// How a buy-X-get-Y rule plays out on a cart: how many complete sets (X paid units and Y other units)
/// the cart holds, and which "get" units are rewarded: the cheapest ones that still leave enough
/// "buy" units for every set.
/// </summary>
internal sealed record BuyXGetYReward(long Sets, IReadOnlyList<(CartLine Line, long Units)> RewardedUnits)
{
    public static BuyXGetYReward For(BuyXGetYRule rule, QualifyingLines lines)
    {
        var buyPool = lines.Pool(rule.BuyItems).ToHashSet(ReferenceEqualityComparer.Instance);
        var getPool = lines.Pool(rule.GetItems).ToHashSet(ReferenceEqualityComparer.Instance);
        long buyOnly = 0, getOnly = 0, both = 0;
        foreach (var line in lines.Candidates)
        {
            bool isBuy = buyPool.Contains(line), isGet = getPool.Contains(line);
            if (isBuy && isGet) both += line.Quantity;
            else if (isBuy) buyOnly += line.Quantity;
            else if (isGet) getOnly += line.Quantity;
        }

        long buy = rule.BuyQuantity, get = rule.GetQuantity;
        if (get < 1 || buy < 0) return new(0, []);
        var sets = (buyOnly + getOnly + both) / (buy + get);
        if (buy > 0) sets = Math.Min(sets, (buyOnly + both) / buy);
        sets = Math.Min(sets, (getOnly + both) / get);
        if (sets == 0) return new(0, []);

        // Units in both pools may serve as "get" units only while enough remain to be bought.
        var needed = sets * get;
        var sharedBudget = buyOnly + both - sets * buy;
        var rewarded = new List<(CartLine, long)>();
        var cheapestFirst = lines.Candidates
            .Select((line, index) => (line, index))
            .Where(x => getPool.Contains(x.line))
            .OrderBy(x => x.line.UnitPrice).ThenBy(x => buyPool.Contains(x.line)).ThenBy(x => x.index);
        foreach (var (line, _) in cheapestFirst)
        {
            if (needed == 0) break;
            var take = Math.Min(needed, line.Quantity);
            if (buyPool.Contains(line))
            {
                take = Math.Min(take, sharedBudget);
                sharedBudget -= take;
            }
            if (take <= 0) continue;
            rewarded.Add((line, take));
            needed -= take;
        }
        return new(sets, rewarded);
    }
}
