using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.PromoCodes;

/// <summary>A badge of the Applicable to column; the tooltip lists the linked items.</summary>
public sealed record ScopeBadge(string Label, string? Tooltip);

public sealed record PromoCodeRow(PromoCode Code, bool Owned, IReadOnlyList<ScopeBadge> Badges, CodeStatus Status)
{
    public string Value(MoneyFormat money) => PromoCodeText.Offer(Code, money);

    /// <summary>A code that gives only a buy-X-get-Y deal has no amount for "per line item" to describe.</summary>
    public bool ShowsValueType => Code.Amount != 0 || Code.EligibilityRules.All(r => r.Type != EligibilityRuleType.BuyXGetY);

    public static IReadOnlyList<ScopeBadge> BadgesFor(PromoCode code, IReadOnlyDictionary<string, CatalogOption> items)
    {
        var badges = new List<ScopeBadge>();
        if (code.AllLocations) badges.Add(new("all locations", "Works at every location in the account"));
        foreach (var kind in new[] { CatalogItemKind.Event, CatalogItemKind.GiftCard, CatalogItemKind.Item })
        {
            var names = code.ApplicableTo.Select(k => items.GetValueOrDefault(k)).Where(i => i?.Kind == kind).Select(i => i!.Name).ToList();
            if (names.Count > 0) badges.Add(new(kind.BadgeLabel(), string.Join(", ", names)));
        }
        var unknown = code.ApplicableTo.Where(k => !items.ContainsKey(k)).ToList();
        if (unknown.Count > 0) badges.Add(new("other items", string.Join(", ", unknown)));
        // Catalog groups, as checkout resolves them: the built-in ones read as their kind ("all games"), the account's by key.
        foreach (var group in code.ApplicableGroups)
            badges.Add(group switch
            {
                PromoAdmin.Checkout.Carts.CatalogGroups.AllEvents => new("all games", "Every event, now and later"),
                PromoAdmin.Checkout.Carts.CatalogGroups.AllItems => new("all merchandise", "Every item, now and later"),
                PromoAdmin.Checkout.Carts.CatalogGroups.AllGiftCards => new("all gift cards", "Every gift card type, now and later"),
                _ => new("group " + group, "The catalog group's items, as they are at checkout"),
            });
        var excluded = code.ExcludedItems.Select(k => items.GetValueOrDefault(k)?.Name ?? k).Concat(code.ExcludedGroups).ToList();
        if (excluded.Count > 0) badges.Add(new("excludes " + (excluded.Count == 1 ? excluded[0] : $"{excluded.Count} items or groups"), string.Join(", ", excluded)));
        return badges;
    }
}

public sealed record PromoCodeListModel(
    bool Archived, string? Code, IReadOnlyList<int> GroupIds, int PageSize, Page<PromoCode> Page, IReadOnlyList<PromoCodeRow> Rows,
    Pager Pager, IReadOnlyList<GroupOption> Groups, Location? Current, MoneyFormat Money)
{
    public static readonly int[] PageSizes = [5, 10, 25, 50];
    public const int DefaultPageSize = 10;

    /// <summary>The batch the list is narrowed to (a batch's Show List), if any.</summary>
    public FilteredBatch? Batch { get; init; }

    /// <summary>The status the list is narrowed to, if any.</summary>
    public CodeStatus? Status { get; init; }

    /// <summary>What the status filter offers on the active tab (every archived code is Archived, on its own tab).</summary>
    public static readonly CodeStatus[] StatusOptions = [.. PromoCodeStatus.All.Where(s => s != CodeStatus.Archived)];

    /// <summary>Hand-made codes, batch codes or both (hand-made unless asked: batches would bury them).</summary>
    public CodeSource Source { get; init; } = CodeSource.Manual;

    public PromoCodeOrder Order { get; init; } = PromoCodeOrder.Newest;

    /// <summary>Whether the address named a direction (the select then shows it; else "Usual direction").</summary>
    public bool DirAsked => Pager.Request.Query["dir"] is { Count: > 0 } dir && dir[0] is "asc" or "desc";

    /// <summary>The Batch column is worth its width only where batch codes can be listed.</summary>
    public bool ShowsBatch => Source != CodeSource.Manual;

    /// <summary>What the source select offers, in the words the page uses.</summary>
    public static readonly (CodeSource Source, string Label)[] SourceOptions =
        [(CodeSource.Manual, "Hand-made codes"), (CodeSource.Batch, "Batch codes"), (CodeSource.All, "All codes")];

    /// <summary>What the sort select offers; the Code, Value, Quantity and Used headers sort on their own column too.</summary>
    public static readonly (SortColumn Column, string Label)[] SortOptions =
    [
        (SortColumn.Created, "Created"), (SortColumn.Updated, "Updated"), (SortColumn.Code, "Code"), (SortColumn.Amount, "Amount"),
        (SortColumn.Remaining, "Uses left"), (SortColumn.Used, "Times used"),
    ];

    /// <summary>This list ordered by <paramref name="column"/>: the other way round if it already is, else the column's usual way.</summary>
    public string SortLink(SortColumn column)
    {
        var descending = Order.Column == column ? !Order.Descending : column != SortColumn.Code;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Pager.Request.QueryString.Value);
        var q = new QueryBuilder();
        foreach (var (k, values) in query)
        {
            if (k is "page" or "sort" or "dir") continue;
            foreach (var v in values) q.Add(k, v ?? "");
        }
        q.Add("sort", PromoCodeOrder.Name(column));
        q.Add("dir", descending ? "desc" : "asc");
        return Pager.Request.Path + q.ToQueryString().Value;
    }

    /// <summary>The header's aria-sort value for <paramref name="column"/>: only the sorted column has one.</summary>
    public string? AriaSort(SortColumn column) => Order.Column != column ? null : Order.Descending ? "descending" : "ascending";

    public bool HasFilters => !string.IsNullOrWhiteSpace(Code) || GroupIds.Count > 0 || Batch is not null || Status is not null || Source != UsualSource;

    /// <summary>The source the list shows when the address names none (hand-made codes, or a batch's when narrowed to one).</summary>
    public CodeSource UsualSource => PromoCodeOrder.UsualSource(Batch?.Id);

    public string Tab => Archived ? "archived" : "active";

    /// <summary>This list's own address (tab and filters), for the actions to come back to.</summary>
    public string ReturnUrl => Pager.Request.Path + Pager.Request.QueryString;

    public string ResetLink => Archived ? "/promo-codes?tab=archived" : "/promo-codes";

    public string ExportLink
    {
        get
        {
            var q = new QueryBuilder();
            if (Archived) q.Add("tab", "archived");
            if (!string.IsNullOrWhiteSpace(Code)) q.Add("code", Code);
            foreach (var g in GroupIds) q.Add("groupId", g.ToString(CultureInfo.InvariantCulture));
            if (Batch is not null) q.Add("batchId", Batch.Id.ToString(CultureInfo.InvariantCulture));
            if (Status is CodeStatus status) q.Add("status", status.Name());
            if (Source != UsualSource) q.Add("source", PromoCodeOrder.Name(Source));
            if (Order != PromoCodeOrder.Newest)
            {
                q.Add("sort", PromoCodeOrder.Name(Order.Column));
                q.Add("dir", Order.Descending ? "desc" : "asc");
            }
            return "/promo-codes/export" + q.ToQueryString();
        }
    }
}

public sealed record FilteredBatch(int Id, string Name);

public sealed record CopyModel(PromoCode Code, List<Location> Targets, List<string> LocationKeys);

/// <summary>A code's transactions; <paramref name="OrderLinkTemplate"/> (the account's, may be null) links each order number.</summary>
public sealed record TransactionsModel(PromoCode Code, Page<Domain.Redemptions.Redemption> Page, Pager Pager, MoneyFormat Money, bool AsModal,
    string? OrderLinkTemplate = null);
