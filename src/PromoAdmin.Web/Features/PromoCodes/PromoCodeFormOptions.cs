using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.Lookups;

namespace PromoAdmin.Web.Features.PromoCodes;

public sealed record GroupOption(int Id, string Name, bool HasDefaults);

public sealed record CatalogOption(string Key, string Name, CatalogItemKind Kind);

public sealed record CampaignOption(int Id, string Name);

/// <summary>Everything the settings form offers to pick from: groups, catalog items, locations and the reporting lookups.</summary>
public sealed class PromoCodeFormOptions
{
    /// <summary>The checklists show at most this many catalog items (plus any already picked); a catalog is a few hundred in practice.</summary>
    public const int MaxCatalogOptions = 2000;

    public required Location? Current { get; init; }
    public required List<Location> Locations { get; init; }
    public required List<GroupOption> Groups { get; init; }
    public required List<CatalogOption> Catalog { get; init; }
    public required bool CatalogTruncated { get; init; }
    public required List<CampaignOption> Campaigns { get; init; }
    public required List<string> OfferTypes { get; init; }
    public required List<string> PnlAllocations { get; init; }
    public required List<string> TransactionTypes { get; init; }
    public required List<string> VariantTargetingGroups { get; init; }
    public required string CurrencySymbol { get; init; }

    public IEnumerable<Location> OtherLocations => Locations.Where(l => l.Id != Current?.Id);

    public static async Task<PromoCodeFormOptions> LoadAsync(
        PromoAdminDbContext db, Infrastructure.CurrentLocation current, IEnumerable<string> pickedItemKeys, CancellationToken ct)
    {
        var catalog = await db.CatalogItems.AsNoTracking().OrderBy(i => i.Kind).ThenBy(i => i.Name)
            .Take(MaxCatalogOptions + 1).Select(i => new CatalogOption(i.Key, i.Name, i.Kind)).ToListAsync(ct);
        var truncated = catalog.Count > MaxCatalogOptions;
        if (truncated) catalog.RemoveAt(catalog.Count - 1);
        var missing = pickedItemKeys.Except(catalog.Select(c => c.Key)).Distinct().ToList();
        if (missing.Count > 0)
            catalog.AddRange(await db.CatalogItems.AsNoTracking().Where(i => missing.Contains(i.Key)).Select(i => new CatalogOption(i.Key, i.Name, i.Kind)).ToListAsync(ct));
        var lookups = await db.Lookups.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Kind, l.Name }).ToListAsync(ct);
        return new PromoCodeFormOptions
        {
            Current = await current.GetAsync(ct),
            Locations = await current.AllAsync(ct),
            Groups = await GroupsAsync(db, ct),
            Catalog = catalog,
            CatalogTruncated = truncated,
            Campaigns = await db.Campaigns.AsNoTracking().OrderBy(c => c.Name).Select(c => new CampaignOption(c.Id, c.Name)).ToListAsync(ct),
            OfferTypes = lookups.Where(l => l.Kind == LookupKind.OfferType).Select(l => l.Name).ToList(),
            PnlAllocations = lookups.Where(l => l.Kind == LookupKind.PnlAllocation).Select(l => l.Name).ToList(),
            TransactionTypes = lookups.Where(l => l.Kind == LookupKind.TransactionType).Select(l => l.Name).ToList(),
            VariantTargetingGroups = await db.VariantTargetingGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(ct),
            CurrencySymbol = await CurrencySymbolAsync(db, ct),
        };
    }

    public static async Task<List<GroupOption>> GroupsAsync(PromoAdminDbContext db, CancellationToken ct) =>
        (await db.PromoCodeGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(ct))
        .Select(g => new GroupOption(g.Id, g.Name, g.HasDefaultSettings)).ToList();

    public static async Task<string> CurrencySymbolAsync(PromoAdminDbContext db, CancellationToken ct) =>
        PromoCodeText.CurrencySymbol(await db.AccountSettings.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Currency).FirstOrDefaultAsync(ct));
}

public enum SettingsMode { Code, Bulk, Group }

/// <summary>
/// Which blocks of the shared settings form render and which start hidden: the code form shows every field; bulk update
/// and group defaults render only pickable fields and hide the ones not picked (JavaScript shows them as they are picked).
/// </summary>
public sealed class SettingsView(SettingsMode mode, IEnumerable<string>? picked = null, bool readOnly = false)
{
    public SettingsMode Mode { get; } = mode;
    public bool ReadOnly { get; } = readOnly;
    public HashSet<string> Picked { get; } = [.. picked ?? []];

    public IReadOnlyList<SettingField> Fields => Mode switch
    {
        SettingsMode.Bulk => SettingFields.Bulk,
        SettingsMode.Group => SettingFields.GroupDefaults,
        _ => [],
    };

    public bool IsCode => Mode == SettingsMode.Code;

    public bool Renders(string key) => IsCode || Fields.Any(f => f.Key == key);

    public bool Hidden(string key) => !IsCode && !Picked.Contains(key);

    /// <summary>A section starts hidden when none of its rendered fields is picked.</summary>
    public bool SectionHidden(params string[] keys) => !IsCode && !keys.Any(k => Renders(k) && Picked.Contains(k));

    public bool SectionRenders(params string[] keys) => keys.Any(Renders);
}

/// <summary>What the form page shows around the fields.</summary>
public sealed record PromoCodeFormPage(bool IsNew, bool ReadOnly, string? Banner = null, string? Notice = null, int TimesUsed = 0, bool Archived = false);

public static class PromoCodeViewData
{
    private const string OptionsKey = "PromoCodeFormOptions";
    private const string SettingsKey = "PromoCodeSettingsView";
    private const string PageKey = "PromoCodeFormPage";

    public static void SetOptions(this ViewDataDictionary v, PromoCodeFormOptions options) => v[OptionsKey] = options;
    public static PromoCodeFormOptions Options(this ViewDataDictionary v) => (PromoCodeFormOptions)v[OptionsKey]!;
    public static void SetSettings(this ViewDataDictionary v, SettingsView settings) => v[SettingsKey] = settings;
    public static SettingsView Settings(this ViewDataDictionary v) => v[SettingsKey] as SettingsView ?? new SettingsView(SettingsMode.Code);
    public static void SetFormPage(this ViewDataDictionary v, PromoCodeFormPage page) => v[PageKey] = page;
    public static PromoCodeFormPage FormPage(this ViewDataDictionary v) => v[PageKey] as PromoCodeFormPage ?? new PromoCodeFormPage(true, false);

    /// <summary>An element id for a field name ("Defaults.Amount" reads "Defaults_Amount"), as the tag helpers make them.</summary>
    public static string IdFor(string name) => name.Replace('.', '_').Replace('[', '_').Replace(']', '_');
}
