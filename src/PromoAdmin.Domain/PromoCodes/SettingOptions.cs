using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Lookups;

namespace PromoAdmin.Domain.PromoCodes;

public sealed record GroupOption(int Id, string Name, bool HasDefaults);

public sealed record CatalogOption(string Key, string Name, CatalogItemKind Kind);

public sealed record CampaignOption(int Id, string Name);

/// <summary>A catalog group a code can name in applicableGroups or excludedGroups: a built-in one or a variant targeting group.</summary>
public sealed record CatalogGroupOption(string Key, string Name, bool BuiltIn)
{
    /// <summary>The built-in groups, one per kind of item: every event, item or gift card type, now and later.</summary>
    public static IReadOnlyList<CatalogGroupOption> BuiltInGroups { get; } =
    [
        new(PromoAdmin.Checkout.Carts.CatalogGroups.AllEvents, "All games (events)", true),
        new(PromoAdmin.Checkout.Carts.CatalogGroups.AllItems, "All items", true),
        new(PromoAdmin.Checkout.Carts.CatalogGroups.AllGiftCards, "All gift card types", true),
    ];
}

public sealed record CodeOption(int Id, string Code, string? Description);

/// <summary>Everything a settings form offers to pick from (locations aside: the web layer knows which one the user works at).</summary>
public sealed record SettingOptions(
    List<GroupOption> Groups, List<CatalogOption> Catalog, bool CatalogTruncated, List<CampaignOption> Campaigns,
    List<string> OfferTypes, List<string> PnlAllocations, List<string> TransactionTypes, List<string> VariantTargetingGroups, string? Currency,
    List<CatalogGroupOption> CatalogGroups)
{
    /// <summary>The values a <see cref="SettingKind.Lookup"/> field offers, as (value, text).</summary>
    public IEnumerable<(string Value, string Text)> Lookup(string? list) => list switch
    {
        "groups" => Groups.Select(g => (g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Name)),
        "campaigns" => Campaigns.Select(c => (c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Name)),
        "offerTypes" => OfferTypes.Select(v => (v, v)),
        "pnlAllocations" => PnlAllocations.Select(v => (v, v)),
        "transactionTypes" => TransactionTypes.Select(v => (v, v)),
        "variantTargetingGroups" => VariantTargetingGroups.Select(v => (v, v)),
        _ => [],
    };
}

/// <summary>The queries behind the settings form's pick lists, the group picker and the bulk update's code picker.</summary>
public sealed class SettingOptionsService(PromoAdminDbContext db)
{
    /// <summary>The checklists show at most this many catalog items (plus any already picked); a catalog is a few hundred in practice.</summary>
    public const int MaxCatalogOptions = 2000;

    /// <summary>The bulk update's code picker offers this many codes.</summary>
    public const int MaxCodeOptions = 500;

    public async Task<SettingOptions> LoadAsync(IEnumerable<string> pickedItemKeys, CancellationToken ct = default)
    {
        var catalog = await db.CatalogItems.AsNoTracking().OrderBy(i => i.Kind).ThenBy(i => i.Name)
            .Take(MaxCatalogOptions + 1).Select(i => new CatalogOption(i.Key, i.Name, i.Kind)).ToListAsync(ct);
        var truncated = catalog.Count > MaxCatalogOptions;
        if (truncated) catalog.RemoveAt(catalog.Count - 1);
        var missing = pickedItemKeys.Except(catalog.Select(c => c.Key)).Distinct().ToList();
        if (missing.Count > 0)
            catalog.AddRange(await db.CatalogItems.AsNoTracking().Where(i => missing.Contains(i.Key)).Select(i => new CatalogOption(i.Key, i.Name, i.Kind)).ToListAsync(ct));
        var lookups = await db.Lookups.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Kind, l.Name }).ToListAsync(ct);
        var variantGroups = await db.VariantTargetingGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Key, g.Name }).ToListAsync(ct);
        return new SettingOptions(
            await GroupsAsync(ct), catalog, truncated,
            await db.Campaigns.AsNoTracking().OrderBy(c => c.Name).Select(c => new CampaignOption(c.Id, c.Name)).ToListAsync(ct),
            lookups.Where(l => l.Kind == LookupKind.OfferType).Select(l => l.Name).ToList(),
            lookups.Where(l => l.Kind == LookupKind.PnlAllocation).Select(l => l.Name).ToList(),
            lookups.Where(l => l.Kind == LookupKind.TransactionType).Select(l => l.Name).ToList(),
            variantGroups.Select(g => g.Name).ToList(),
            await CurrencyAsync(ct),
            [.. CatalogGroupOption.BuiltInGroups, .. variantGroups.Select(g => new CatalogGroupOption(g.Key, g.Name, false))]);
    }

    public async Task<List<GroupOption>> GroupsAsync(CancellationToken ct = default) =>
        (await db.PromoCodeGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(ct))
        .Select(g => new GroupOption(g.Id, g.Name, g.HasDefaultSettings)).ToList();

    /// <summary>The account's currency (ISO code), null when not set.</summary>
    public Task<string?> CurrencyAsync(CancellationToken ct = default) =>
        db.AccountSettings.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Currency).FirstOrDefaultAsync(ct);

    /// <summary>The catalog items with these keys, by key.</summary>
    public Task<Dictionary<string, CatalogOption>> CatalogItemsAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default) =>
        keys.Count == 0 ? Task.FromResult(new Dictionary<string, CatalogOption>())
            : db.CatalogItems.AsNoTracking().Where(i => keys.Contains(i.Key)).ToDictionaryAsync(i => i.Key, i => new CatalogOption(i.Key, i.Name, i.Kind), ct);

    /// <summary>The codes the bulk update offers to pick at a location (newest first), and whether there are more.</summary>
    public static async Task<(List<CodeOption> Codes, bool Truncated)> CodeOptionsAsync(IQueryable<PromoCode> own, CancellationToken ct = default)
    {
        var list = await own.Take(MaxCodeOptions + 1).Select(c => new CodeOption(c.Id, c.Code, c.Description)).ToListAsync(ct);
        var truncated = list.Count > MaxCodeOptions;
        if (truncated) list.RemoveAt(list.Count - 1);
        return (list, truncated);
    }

    /// <summary>A group with its stored defaults, or null.</summary>
    public Task<Groups.PromoCodeGroup?> GroupAsync(int id, CancellationToken ct = default) =>
        db.PromoCodeGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
}
