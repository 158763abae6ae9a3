using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Checkout.Rules;

namespace PromoAdmin.Checkout.Discounts;

/// <summary>
/// Works out a code's discount on a cart (docs/rules.md#discount). Every line amount is rounded to
/// cents once; totals are sums of line amounts, so they always agree.
/// </summary>
public static class DiscountCalculator
{
    /// <summary>
    /// The discount the code gives on the lines it can act on, whether or not every check passes
    /// (the Diagnose page shows it next to the failed checks).
    /// </summary>
    public static Discount Calculate(PromoCodeRules code, Cart cart, bool creditsEnabled) =>
        Calculate(QualifyingLines.Find(code, cart), cart, creditsEnabled);

    internal static Discount Calculate(QualifyingLines qualifying, Cart cart, bool creditsEnabled)
    {
        var code = qualifying.Code;
        var inBase = qualifying.DiscountBase.ToHashSet(ReferenceEqualityComparer.Instance);

        // The rule discount comes first: it is a reward for the cart's make-up, the amount adds to it.
        var ruleDiscount = new Dictionary<CartLine, decimal>(ReferenceEqualityComparer.Instance);
        foreach (var rule in code.EligibilityRules.OfType<BuyXGetYRule>())
        {
            var percentOff = Math.Clamp(rule.GetPercentOff, 0m, 100m) / 100m;
            foreach (var (line, units) in BuyXGetYReward.For(rule, qualifying).RewardedUnits)
                ruleDiscount[line] = ruleDiscount.GetValueOrDefault(line) + Money.Round(line.UnitPrice * units * percentOff);
        }

        var lines = cart.Lines.Where(l => inBase.Contains(l) || ruleDiscount.ContainsKey(l)).ToList();
        var subtotals = lines.Select(l => Money.Round(l.Subtotal)).ToArray();
        var rulePart = lines.Select((l, i) => Math.Min(ruleDiscount.GetValueOrDefault(l), subtotals[i])).ToArray();
        var room = subtotals.Select((s, i) => s - rulePart[i]).ToArray();
        var baseWeights = lines.Select((l, i) => inBase.Contains(l) ? subtotals[i] : 0m).ToArray();

        decimal[] amountPart;
        var overage = 0m;
        if (code.RedemptionType == RedemptionType.Percentage)
        {
            amountPart = PercentOff(code, baseWeights);
            amountPart = amountPart.Select((a, i) => Math.Min(a, room[i])).ToArray();
        }
        else
        {
            var requested = Money.Round(Math.Max(0m, code.Amount));
            var roomInBase = room.Select((r, i) => inBase.Contains(lines[i]) ? r : 0m).ToArray();
            switch (code.ValueType)
            {
                case ValueScope.PerTransaction:
                    amountPart = Money.Spread(requested, roomInBase);
                    overage = requested - amountPart.Sum();
                    break;
                default:
                    var perLine = lines.Select(l => !inBase.Contains(l) ? 0m
                        : code.ValueType == ValueScope.PerQuantity ? requested * l.Quantity : requested).ToArray();
                    amountPart = perLine.Select((p, i) => Math.Min(p, roomInBase[i])).ToArray();
                    overage = perLine.Sum() - amountPart.Sum();
                    break;
            }
        }

        var lineDiscounts = lines.Select((l, i) => new LineDiscount(l.LineId, rulePart[i] + amountPart[i])).ToList();
        var shipping = code.FreeShipping ? Money.Round(Math.Max(0m, cart.ShippingFee ?? 0m)) : 0m;
        var credit = code.RedemptionType == RedemptionType.Value && code.CreditFromOverage && creditsEnabled ? overage : 0m;
        return new Discount(
            lineDiscounts.Sum(d => d.Amount), lineDiscounts, shipping, code.FreeShipping, credit, subtotals.Sum());
    }

    /// <summary>
    /// Percent of each base line, or, when the code covers the whole order, percent of the order spread
    /// over its lines; then capped in total by the discount limit.
    /// </summary>
    private static decimal[] PercentOff(PromoCodeRules code, decimal[] baseWeights)
    {
        var rate = Math.Clamp(code.Amount, 0m, 100m) / 100m;
        var parts = code.ApplyOnlyToApplicable
            ? baseWeights.Select(w => Money.Round(w * rate)).ToArray()
            : Money.Spread(Money.Round(baseWeights.Sum() * rate), baseWeights);
        if (code.DiscountLimit is { } limit && parts.Sum() > Money.Round(Math.Max(0m, limit)))
            parts = Money.Spread(limit, parts);
        return parts;
    }
}
