using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Lookups;

namespace PromoAdmin.Domain.PromoCodes;

public sealed record GroupOption(int Id, string Name, bool HasDefaults);

public sealed record CatalogOption(string Key, string Name, CatalogItemKind Kind);

public sealed record CampaignOption(int Id, string Name);

/// <summary>
/// A catalog group a code can name in applicableGroups or excludedGroups: a built-in one or a variant targeting group.
/// <paramref name="HasEvents"/>: it holds an event today, so booking rules can apply to it (the form shows them then).
/// </summary>
public sealed record CatalogGroupOption(string Key, string Name, bool BuiltIn, bool HasEvents = false)
{
    /// <summary>The built-in groups, one per kind of item: every event, item or gift card type, now and later.</summary>
    public static IReadOnlyList<CatalogGroupOption> BuiltInGroups { get; } =
    [
        new(PromoAdmin.Checkout.Carts.CatalogGroups.AllEvents, "All games (events)", true, HasEvents: true),
        new(PromoAdmin.Checkout.Carts.CatalogGroups.AllItems, "All items", true),
        new(PromoAdmin.Checkout.Carts.CatalogGroups.AllGiftCards, "All gift card types", true),
    ];
}

public sealed record CodeOption(int Id, string Code, string? Description);

/// <summary>
/// What a settings form has picked and searched for (the no-JavaScript search of a long pick list): its lists offer these
/// whatever their length.
/// </summary>
public sealed record OptionPicks(IEnumerable<string> ItemKeys, int? CampaignId = null, IEnumerable<string>? ItemSearches = null, string? CampaignSearch = null);

/// <summary>
/// Everything a settings form offers to pick from (locations aside: the web layer knows which one the user works at).
/// <paramref name="CampaignsLong"/>: there are more campaigns than a picker shows, so the campaign picker searches on the server.
/// </summary>
public sealed record SettingOptions(
    List<GroupOption> Groups, List<CatalogOption> Catalog, List<CampaignOption> Campaigns, bool CampaignsLong,
    List<string> OfferTypes, List<string> PnlAllocations, List<string> TransactionTypes, List<string> VariantTargetingGroups, string? Currency,
    List<CatalogGroupOption> CatalogGroups)
{
    /// <summary>The catalog is longer than a picker shows: the item pickers search it on the server.</summary>
    public bool CatalogLong => Catalog.Count > SettingOptionsService.PickerOptions;

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
    /// <summary>
    /// The settings form holds at most this many catalog items (plus any already picked or searched for): the eligibility
    /// rules' item lists offer them all.
    /// </summary>
    public const int MaxCatalogOptions = 2000;

    /// <summary>A searchable picker renders at most this many options (plus the picked ones); a longer list is searched on the server.</summary>
    public const int PickerOptions = 200;

    /// <summary>The most matches a picker's search answers.</summary>
    public const int MaxMatches = 50;

    /// <summary>
    /// The bulk update's code picker renders this many of the newest codes (and the picked ones): a location may hold a
    /// million codes, so the page never lists them; the others are found by its search.
    /// </summary>
    public const int NewestCodeOptions = 5;

    /// <summary>The most matches the bulk update's code search answers.</summary>
    public const int CodeMatches = 20;

    public async Task<SettingOptions> LoadAsync(OptionPicks picks, CancellationToken ct = default)
    {
        var catalog = await db.CatalogItems.AsNoTracking().OrderBy(i => i.Kind).ThenBy(i => i.Name)
            .Take(MaxCatalogOptions).Select(i => new CatalogOption(i.Key, i.Name, i.Kind)).ToListAsync(ct);
        var missing = picks.ItemKeys.Except(catalog.Select(c => c.Key)).Distinct().ToList();
        if (missing.Count > 0)
            catalog.AddRange(await db.CatalogItems.AsNoTracking().Where(i => missing.Contains(i.Key)).Select(i => new CatalogOption(i.Key, i.Name, i.Kind)).ToListAsync(ct));
        foreach (var search in (picks.ItemSearches ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct())
            catalog.AddRange((await FindCatalogItemsAsync(search, MaxMatches, ct)).Where(f => catalog.All(c => c.Key != f.Key)));

        var campaigns = await db.Campaigns.AsNoTracking().OrderBy(c => c.Name).Take(PickerOptions + 1).Select(c => new CampaignOption(c.Id, c.Name)).ToListAsync(ct);
        var campaignsLong = campaigns.Count > PickerOptions;
        if (campaignsLong) campaigns.RemoveAt(campaigns.Count - 1);
        if (picks.CampaignId is int campaignId && campaigns.All(c => c.Id != campaignId))
            campaigns.AddRange(await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => new CampaignOption(c.Id, c.Name)).ToListAsync(ct));
        if (!string.IsNullOrWhiteSpace(picks.CampaignSearch))
            campaigns.AddRange((await FindCampaignsAsync(picks.CampaignSearch, MaxMatches, ct)).Where(f => campaigns.All(c => c.Id != f.Id)));

        var lookups = await db.Lookups.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Kind, l.Name }).ToListAsync(ct);
        var variantGroups = await db.VariantTargetingGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Key, g.Name, g.ItemKeys }).ToListAsync(ct);
        var groupItems = variantGroups.SelectMany(g => g.ItemKeys).Distinct().ToList();
        var events = groupItems.Count == 0 ? []
            : (await db.CatalogItems.AsNoTracking().Where(i => i.Kind == CatalogItemKind.Event && EF.Parameter(groupItems).Contains(i.Key)).Select(i => i.Key).ToListAsync(ct)).ToHashSet();
        return new SettingOptions(
            await GroupsAsync(ct), catalog, campaigns, campaignsLong,
            lookups.Where(l => l.Kind == LookupKind.OfferType).Select(l => l.Name).ToList(),
            lookups.Where(l => l.Kind == LookupKind.PnlAllocation).Select(l => l.Name).ToList(),
            lookups.Where(l => l.Kind == LookupKind.TransactionType).Select(l => l.Name).ToList(),
            variantGroups.Select(g => g.Name).ToList(),
            await CurrencyAsync(ct),
            [.. CatalogGroupOption.BuiltInGroups, .. variantGroups.Select(g => new CatalogGroupOption(g.Key, g.Name, false, g.ItemKeys.Any(events.Contains)))]);
    }

    /// <summary>The catalog items whose name or key contains <paramref name="search"/> (ignoring case), the first <paramref name="max"/> in the pickers' order.</summary>
    public Task<List<CatalogOption>> FindCatalogItemsAsync(string? search, int max, CancellationToken ct = default) =>
        db.CatalogItems.AsNoTracking().WhereAnyContains(db, search, i => i.Name, i => i.Key).OrderBy(i => i.Kind).ThenBy(i => i.Name).ThenBy(i => i.Id)
            .Take(Math.Clamp(max, 1, MaxMatches)).Select(i => new CatalogOption(i.Key, i.Name, i.Kind)).ToListAsync(ct);

    /// <summary>The campaigns whose name contains <paramref name="search"/> (ignoring case), the first <paramref name="max"/> by name.</summary>
    public Task<List<CampaignOption>> FindCampaignsAsync(string? search, int max, CancellationToken ct = default) =>
        db.Campaigns.AsNoTracking().WhereAnyContains(db, search, c => c.Name).OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Take(Math.Clamp(max, 1, MaxMatches)).Select(c => new CampaignOption(c.Id, c.Name)).ToListAsync(ct);

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

    /// <summary>
    /// Codes of <paramref name="own"/> (the location's own, filtered) for the bulk update's picker: a search's first
    /// <see cref="CodeMatches"/> by code text (matching anywhere in the code, which reads every code of the location: at a
    /// million codes a search takes a few hundred milliseconds), else the <see cref="NewestCodeOptions"/> newest.
    /// </summary>
    public static Task<List<CodeOption>> CodeOptionsAsync(IQueryable<PromoCode> own, bool search, CancellationToken ct = default) =>
        (search ? own.OrderBy(c => c.NormalizedCode).Take(CodeMatches) : own.OrderByDescending(c => c.Id).Take(NewestCodeOptions))
            .Select(c => new CodeOption(c.Id, c.Code, c.Description)).ToListAsync(ct);

    /// <summary>The picked codes among <paramref name="own"/>: a refused post shows them picked again, wherever they are in the list.</summary>
    public static async Task<List<CodeOption>> PickedCodeOptionsAsync(IQueryable<PromoCode> own, IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        ids.Count == 0 ? [] : await own.Where(c => EF.Parameter(ids).Contains(c.Id)).OrderByDescending(c => c.Id)
            .Select(c => new CodeOption(c.Id, c.Code, c.Description)).ToListAsync(ct);

    /// <summary>A group with its stored defaults, or null.</summary>
    public Task<Groups.PromoCodeGroup?> GroupAsync(int id, CancellationToken ct = default) =>
        db.PromoCodeGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
}
