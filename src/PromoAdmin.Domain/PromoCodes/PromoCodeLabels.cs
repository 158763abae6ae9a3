using System.Globalization;
using PromoAdmin.Domain.Common;

namespace PromoAdmin.Domain.PromoCodes;

/// <summary>The product's words for a code's discount settings, as the form, the list and the CSV export (docs/rules.md#csv) write them.</summary>
public static class PromoCodeLabels
{
    public static string Label(this RedemptionType type) => type == RedemptionType.Percentage ? "Percentage discount" : "Value discount";

    public static string Label(this ValueScope type) => type switch
    {
        ValueScope.PerTransaction => "Per transaction",
        ValueScope.PerQuantity => "Per quantity",
        _ => "Per line item",
    };

    /// <summary>"10%" or "$5.00" (in the account's currency).</summary>
    public static string Amount(RedemptionType type, decimal amount, MoneyFormat money) =>
        type == RedemptionType.Percentage ? Percent(amount) : money.Format(amount);

    private static string Percent(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// "Buy 2 get 1 free" (100% off, or no percent given: checkout reads that as 100) or "Buy 2 get 1 at 50% off".
    /// Quantities not given read as 1, as checkout reads them.
    /// </summary>
    public static string BuyXGetY(EligibilityRule rule)
    {
        var percent = rule.GetPercentOff ?? 100m;
        return $"Buy {rule.BuyQuantity ?? 1} get {rule.GetQuantity ?? 1} " + (percent >= 100m ? "free" : $"at {Percent(percent)} off");
    }

    /// <summary>
    /// What a code gives, as the list's Value column reads: the amount ("10%") when it has no buy-X-get-Y rule; the rules in
    /// words when its amount is 0 ("Buy 2 get 1 free", not "0%"); both when it has both ("10% off + Buy 2 get 1 free").
    /// </summary>
    public static string Offer(RedemptionType type, decimal amount, IEnumerable<EligibilityRule> rules, MoneyFormat money)
    {
        var deals = rules.Where(r => r.Type == EligibilityRuleType.BuyXGetY).Select(BuyXGetY).ToList();
        if (deals.Count == 0) return Amount(type, amount, money);
        var words = string.Join(" + ", deals);
        return amount == 0 ? words : $"{Amount(type, amount, money)} off + {words}";
    }
}
