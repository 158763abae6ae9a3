namespace PromoAdmin.Domain.Common;

/// <summary>
/// The bounds of every input (docs/errors.md). Within them no arithmetic of the product can overflow: a cart's total is at
/// most <see cref="MaxMoney"/>, so every discount, sum and stored amount fits decimal(18,2) and SQLite's hundredths.
/// </summary>
public static class Bounds
{
    public const decimal MaxMoney = 1_000_000_000m;
    public const int MaxLineQuantity = 100_000;
    public const int MaxCartLines = 500;
    public const int MaxAppliedCodes = 20;
    public const int MaxEligibilityRules = 20;
    public const int MaxBulkCodeIds = 10_000;
    /// <summary>Remaining usages a code is given (Modify Inventory's increment is clamped at int.MaxValue instead).</summary>
    public const int MaxQuantity = 1_000_000_000;
    /// <summary>Item keys in Applicable to, a rule's buy/get items, exclusion dates.</summary>
    public const int MaxListItems = 1_000;
    public const int MaxKeyLength = 100;

    public static bool IsMoney(decimal? value) => value is null || (value >= 0 && value <= MaxMoney && value == Math.Round(value.Value, 2));

    public static string MoneyMessage(string field) => $"{field} must be between 0 and {MaxMoney:N0} with at most two decimal places.";
}
