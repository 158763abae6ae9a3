namespace PromoAdmin.Domain.Lookups;

/// <summary>
/// A marketing campaign codes belong to, with an optional budget across all its codes (docs/rules.md#campaign-budgets).
/// The used counters move with every redemption and void of the campaign's codes, under a guarded update.
/// </summary>
public class Campaign
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The most money the campaign's redemptions may give (discount, shipping and credit); null = no limit.</summary>
    public decimal? BudgetMaxDiscount { get; set; }
    /// <summary>The most redemptions across the campaign's codes; null = no limit.</summary>
    public int? BudgetMaxRedemptions { get; set; }
    /// <summary>What applied (not voided) redemptions of the campaign's codes gave.</summary>
    public decimal BudgetDiscountUsed { get; set; }
    public int BudgetRedemptionsUsed { get; set; }

    public bool HasBudget => BudgetMaxDiscount is not null || BudgetMaxRedemptions is not null;
}

public enum LookupKind { OfferType, PnlAllocation, TransactionType }

/// <summary>A named reporting value: offer type, P&amp;L allocation or transaction type. Codes store the name.</summary>
public class Lookup
{
    public int Id { get; set; }
    public LookupKind Kind { get; set; }
    public required string Name { get; set; }
}
