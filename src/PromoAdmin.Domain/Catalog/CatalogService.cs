using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Catalog;

/// <summary>The rule for ids that come from the checkout (catalog item keys, customer keys): whatever it uses, within reason.</summary>
public static class CheckoutKey
{
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$";
    public const string Message = "Key must start with a letter or digit and use only letters, digits, '.', '_', ':' and '-' (at most 100).";
}

public sealed record CatalogItemInput(string? Key, string? Name, CatalogItemKind? Kind);

public sealed class CatalogItemInputValidator : AbstractValidator<CatalogItemInput>
{
    public CatalogItemInputValidator()
    {
        RuleFor(x => x.Key).NotEmpty().WithMessage("Key is required.")
            .Matches(CheckoutKey.Pattern).WithMessage(CheckoutKey.Message);
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(200);
        RuleFor(x => x.Kind).NotNull().WithMessage("Kind is required: event, item or giftCard.")
            .IsInEnum().WithMessage("Kind must be event, item or giftCard.");
    }
}

/// <param name="Key">Create only: the group's key (lower-case letters, digits and '-'); made from the name when not given.</param>
public sealed record VariantTargetingGroupInput(string? Name, IReadOnlyList<string>? ItemKeys, string? Key = null);

/// <summary>Catalog group keys: the account's groups' and the built-in ones of each kind (docs/rules.md#catalog-groups).</summary>
public static class CatalogGroupKey
{
    public const string Pattern = "^[a-z0-9][a-z0-9-]{0,99}$";
    public const string Message = "Key must use only lower-case letters, digits and '-' (at most 100), starting with a letter or digit.";

    public static bool IsBuiltIn(string key) => PromoAdmin.Checkout.Carts.CatalogGroups.BuiltIn.Contains(key);

    /// <summary>"Escape rooms!" reads "escape-rooms".</summary>
    public static string FromName(string name)
    {
        var chars = name.Trim().ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        var slug = System.Text.RegularExpressions.Regex.Replace(new string(chars.ToArray()), "-+", "-").Trim('-');
        slug = slug.Length > 90 ? slug[..90].TrimEnd('-') : slug;
        return slug.Length == 0 ? "group" : slug;
    }
}

public sealed class VariantTargetingGroupInputValidator : AbstractValidator<VariantTargetingGroupInput>
{
    public const int MaxItems = 1000;

    public VariantTargetingGroupInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(200);
        RuleFor(x => x.Key!).Matches(CatalogGroupKey.Pattern).WithMessage(CatalogGroupKey.Message)
            .Must(k => !CatalogGroupKey.IsBuiltIn(k)).WithMessage(k => $"'{k.Key}' is a built-in catalog group: pick another key.")
            .When(x => !string.IsNullOrEmpty(x.Key));
        RuleFor(x => x.ItemKeys).Must(keys => keys is not null && keys.Any(k => !string.IsNullOrWhiteSpace(k)))
            .WithMessage("Pick at least one catalog item.")
            .Must(keys => keys is null || keys.Count <= MaxItems).WithMessage($"A group holds at most {MaxItems} items.");
    }
}

public sealed class CatalogService(
    PromoAdminDbContext db,
    IValidator<CatalogItemInput> itemValidator,
    IValidator<VariantTargetingGroupInput> groupValidator,
    AuditLog audit,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    public Task<Page<CatalogItem>> ListItemsAsync(string? search, CatalogItemKind? kind, PageRequest page, CancellationToken ct = default)
    {
        var query = db.CatalogItems.AsNoTracking();
        if (kind is { } k) query = query.Where(c => c.Kind == k);
        if (!string.IsNullOrWhiteSpace(search))
        {
            query = query.WhereAnyContains(db, search, c => c.Name, c => c.Key);
        }
        return query.OrderBy(c => c.Name).ThenBy(c => c.Id).ToPageAsync(page, ct);
    }

    public Task<CatalogItem?> FindItemAsync(int id, CancellationToken ct = default) =>
        db.CatalogItems.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<CatalogItem> CreateItemAsync(CatalogItemInput input, CancellationToken ct = default)
    {
        await itemValidator.EnsureValidAsync(input, ct);
        return await audit.SaveNewAsync(async token =>
        {
            var item = new CatalogItem { Key = input.Key!, Name = input.Name!.Trim(), Kind = input.Kind!.Value };
            db.CatalogItems.Add(item);
            await db.SaveOrDuplicateAsync("key", $"A catalog item with key '{input.Key}' already exists.", token);
            return item;
        }, item => audit.Record(AuditEntities.CatalogItem, item.Id, item.Name, AuditActions.Create,
            changes: AuditLog.Diff(null, new { item.Key, item.Name, item.Kind })), ct);
    }

    public async Task<CatalogItem> UpdateItemAsync(int id, CatalogItemInput input, CancellationToken ct = default)
    {
        await itemValidator.EnsureValidAsync(input, ct);
        var item = await db.CatalogItems.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException($"Catalog item {id} not found.");
        item.Key = input.Key!;
        item.Name = input.Name!.Trim();
        item.Kind = input.Kind!.Value;
        audit.Record(AuditEntities.CatalogItem, item.Id, item.Name, AuditActions.Update, changes: audit.TrackedChanges(item));
        await db.SaveOrDuplicateAsync("key", $"A catalog item with key '{input.Key}' already exists.", ct);
        return item;
    }

    /// <summary>The first items of the catalog by kind and name, for pickers that list it whole.</summary>
    public Task<List<CatalogItem>> FirstItemsAsync(int max, CancellationToken ct = default) =>
        db.CatalogItems.AsNoTracking().OrderBy(i => i.Kind).ThenBy(i => i.Name).Take(max).ToListAsync(ct);

    public Task<Page<VariantTargetingGroup>> ListGroupsAsync(string? search, PageRequest page, CancellationToken ct = default)
    {
        var query = db.VariantTargetingGroups.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            query = query.WhereAnyContains(db, search, g => g.Name, g => g.Key);
        }
        return query.OrderBy(g => g.Name).ThenBy(g => g.Id).ToPageAsync(page, ct);
    }

    public Task<VariantTargetingGroup?> FindGroupAsync(int id, CancellationToken ct = default) =>
        db.VariantTargetingGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);

    public async Task<VariantTargetingGroup> CreateGroupAsync(VariantTargetingGroupInput input, CancellationToken ct = default)
    {
        await groupValidator.EnsureValidAsync(input, ct);
        var itemKeys = await ExistingItemKeysAsync(input.ItemKeys!, ct);
        return await audit.SaveNewAsync(async token =>
        {
            var key = string.IsNullOrEmpty(input.Key) ? CatalogGroupKey.FromName(input.Name!) : input.Key;
            if (CatalogGroupKey.IsBuiltIn(key) || await db.VariantTargetingGroups.AnyAsync(g => g.Key == key, token))
            {
                if (!string.IsNullOrEmpty(input.Key))
                    throw new DomainValidationException("key", $"A catalog group with key '{key}' already exists.");
                key = await FreeKeyAsync(key, token);
            }
            var group = new VariantTargetingGroup { Key = key, Name = input.Name!.Trim(), ItemKeys = itemKeys };
            db.VariantTargetingGroups.Add(group);
            await db.SaveOrDuplicateAsync("name", $"A variant targeting group named '{group.Name}' already exists.", token);
            cache.Remove(CatalogGroupCache.Key);
            return group;
        }, group => audit.Record(AuditEntities.VariantTargetingGroup, group.Id, group.Name, AuditActions.Create,
            changes: AuditLog.Diff(null, new { group.Key, group.Name, group.ItemKeys })), ct);
    }

    public async Task<VariantTargetingGroup> UpdateGroupAsync(int id, VariantTargetingGroupInput input, CancellationToken ct = default)
    {
        await groupValidator.EnsureValidAsync(input, ct);
        var group = await db.VariantTargetingGroups.FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException($"Variant targeting group {id} not found.");
        // Codes name the key: changing it would silently drop the group from every code that targets or excludes it.
        if (!string.IsNullOrEmpty(input.Key) && input.Key != group.Key)
            throw new DomainValidationException("key", $"A group's key cannot change after creation (it is '{group.Key}'): codes name it.");
        group.Name = input.Name!.Trim();
        group.ItemKeys = await ExistingItemKeysAsync(input.ItemKeys!, ct);
        audit.Record(AuditEntities.VariantTargetingGroup, group.Id, group.Name, AuditActions.Update, changes: audit.TrackedChanges(group));
        await db.SaveOrDuplicateAsync("name", $"A variant targeting group named '{group.Name}' already exists.", ct);
        cache.Remove(CatalogGroupCache.Key);
        return group;
    }

    /// <summary>"escape-rooms-2", "escape-rooms-3"...: the first key no group has.</summary>
    private async Task<string> FreeKeyAsync(string key, CancellationToken ct)
    {
        var taken = (await db.VariantTargetingGroups.Where(g => g.Key.StartsWith(key)).Select(g => g.Key).ToListAsync(ct)).ToHashSet();
        for (var n = 2; ; n++)
            if (!taken.Contains($"{key}-{n}")) return $"{key}-{n}";
    }

    /// <summary>The keys as stored (the catalog's spelling, input order, no repeats); any unknown key is a field error.</summary>
    private async Task<List<string>> ExistingItemKeysAsync(IReadOnlyList<string> keys, CancellationToken ct)
    {
        var wanted = keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct().ToList();
        var found = new StoredKeys<string>(await db.CatalogItems.Where(c => wanted.Contains(c.Key)).Select(c => c.Key).ToListAsync(ct), k => k);
        var unknown = wanted.Where(k => found.Find(k) is null).ToList();
        if (unknown.Count > 0) throw new DomainValidationException("itemKeys", StoredKeys.UnknownMessage("catalog item", unknown));
        return wanted.Select(k => found.Find(k)!).Distinct().ToList();
    }
}

/// <summary>
/// Rows found by the keys a caller sent: the exact spelling first, else ignoring case (SQL Server's default
/// collation finds "ABC" for "abc"; SQLite does not, so there an unmatched case stays unknown).
/// </summary>
public sealed class StoredKeys<T> where T : class
{
    private readonly Dictionary<string, T> exact;
    private readonly Dictionary<string, T> loose;

    public StoredKeys(IEnumerable<T> rows, Func<T, string> keyOf)
    {
        exact = rows.DistinctBy(keyOf).ToDictionary(keyOf, StringComparer.Ordinal);
        loose = exact.Values.DistinctBy(keyOf, StringComparer.OrdinalIgnoreCase).ToDictionary(keyOf, StringComparer.OrdinalIgnoreCase);
    }

    public T? Find(string key) => exact.TryGetValue(key, out var row) ? row : loose.GetValueOrDefault(key);
}

public static class StoredKeys
{
    /// <summary>"Unknown customer keys: a, b and 3 more." Names a handful so a pasted list of thousands stays readable.</summary>
    public static string UnknownMessage(string what, IReadOnlyList<string> unknown)
    {
        const int shown = 10;
        var names = string.Join(", ", unknown.Take(shown));
        var more = unknown.Count > shown ? $" and {unknown.Count - shown} more" : "";
        return $"Unknown {what} {(unknown.Count == 1 ? "key" : "keys")}: {names}{more}.";
    }
}

/// <summary>
/// Which catalog groups each item belongs to, as checkout reads them: one small map of every group's items, cached per
/// instance for 30 s like the other reference data (and dropped at once on this instance when a group changes), so a
/// checkout resolves groups without reading the catalog (docs/rules.md#catalog-groups).
/// </summary>
public static class CatalogGroupCache
{
    public const string Key = "catalog-groups";

    public static async Task<IReadOnlyDictionary<string, string[]>> GroupsByItemAsync(
        PromoAdminDbContext db, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, CancellationToken ct)
    {
        if (Microsoft.Extensions.Caching.Memory.CacheExtensions.TryGetValue(cache, Key, out IReadOnlyDictionary<string, string[]>? hit)) return hit!;
        var groups = await db.VariantTargetingGroups.AsNoTracking().Select(g => new { g.Key, g.ItemKeys }).ToListAsync(ct);
        IReadOnlyDictionary<string, string[]> map = groups
            .SelectMany(g => g.ItemKeys.Select(item => (Item: item, Group: g.Key)))
            .GroupBy(x => x.Item, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(x => x.Key, x => x.Select(y => y.Group).Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);
        Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(cache, Key, map, TimeSpan.FromSeconds(30));
        return map;
    }
}
