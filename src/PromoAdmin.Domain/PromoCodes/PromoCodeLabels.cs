namespace PromoAdmin.Domain.PromoCodes;

/// <summary>The seed's words for a code's discount settings, as the CSV export (SPEC section 6) writes them.</summary>
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
