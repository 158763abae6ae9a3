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
}
