namespace PromoAdmin.Domain.Lookups;

public class Campaign
{
    public int Id { get; set; }
    public required string Name { get; set; }
}

public enum LookupKind { OfferType, PnlAllocation, TransactionType }

/// <summary>A named reporting value: offer type, P&amp;L allocation or transaction type. Codes store the name.</summary>
public class Lookup
{
    public int Id { get; set; }
    public LookupKind Kind { get; set; }
    public required string Name { get; set; }
}
