namespace PromoAdmin.Domain.Catalog;

public enum CatalogItemKind { Event, Item, GiftCard }

/// <summary>Something the checkout sells; "Applicable to" and eligibility rules refer to items by key.</summary>
public class CatalogItem
{
    public int Id { get; set; }
    /// <summary>The checkout's own id for the item.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public CatalogItemKind Kind { get; set; }
}

/// <summary>
/// A named set of catalog items: a catalog group that codes target or exclude by <see cref="Key"/>, resolved at checkout
/// (docs/glossary.md#variant-targeting-group).
/// </summary>
public class VariantTargetingGroup
{
    public int Id { get; set; }
    /// <summary>What codes name in applicableGroups and excludedGroups; set at creation and never changed.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public List<string> ItemKeys { get; set; } = [];
}
