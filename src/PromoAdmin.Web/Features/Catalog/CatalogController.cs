using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Common;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Catalog;

public sealed record CatalogItemListModel(Page<CatalogItem> Page, string? Search, CatalogItemKind? Kind, Pager Pager);

public sealed record VariantTargetingGroupListModel(Page<VariantTargetingGroup> Page, string? Search, Pager Pager);

public sealed class CatalogItemForm
{
    public int? Id { get; set; }
    public string? Key { get; set; }
    public string? Name { get; set; }
    public CatalogItemKind? Kind { get; set; }
}

public sealed class VariantTargetingGroupForm
{
    public int? Id { get; set; }
    /// <summary>The catalog group key codes name: given (or made from the name) at creation, read-only afterwards.</summary>
    public string? Key { get; set; }
    public string? Name { get; set; }
    /// <summary>Catalog item keys, one per line.</summary>
    public string? ItemKeys { get; set; }
}

/// <summary>How a kind reads on screen and in a URL (the API's camelCase value).</summary>
public static class CatalogItemKinds
{
    public static readonly CatalogItemKind[] All = Enum.GetValues<CatalogItemKind>();

    public static string Label(this CatalogItemKind kind) => kind switch
    {
        CatalogItemKind.Event => "Event",
        CatalogItemKind.Item => "Item",
        _ => "Gift card",
    };

    public static string Value(this CatalogItemKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public static string Badge(this CatalogItemKind kind) => kind switch
    {
        CatalogItemKind.Event => "text-bg-primary",
        CatalogItemKind.Item => "text-bg-secondary",
        _ => "text-bg-success",
    };
}

[Route("catalog"), Authorize(Policy = Policies.ManageReferenceData)]
public sealed class CatalogController(CatalogService catalog) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, CatalogItemKind? kind, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var result = await catalog.ListItemsAsync(search, kind, new PageRequest(page, pageSize), ct);
        return View(new CatalogItemListModel(result, search, kind, new Pager(result.PageNumber, result.PageSize, result.Total, Request)));
    }

    [HttpGet("create")]
    public IActionResult Create() => View("Edit", new CatalogItemForm { Kind = CatalogItemKind.Event });

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var c = await catalog.FindItemAsync(id, ct);
        if (c is null) return NotFound();
        return View(new CatalogItemForm { Id = c.Id, Key = c.Key, Name = c.Name, Kind = c.Kind });
    }

    [HttpPost("save")]
    public async Task<IActionResult> Save(CatalogItemForm form, CancellationToken ct)
    {
        var input = new CatalogItemInput(form.Key?.Trim(), form.Name, form.Kind);
        try
        {
            if (form.Id is int id) await catalog.UpdateItemAsync(id, input, ct);
            else await catalog.CreateItemAsync(input, ct);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View("Edit", form);
        }
        TempData["Success"] = form.Id is null ? $"Catalog item {form.Name} created." : $"Catalog item {form.Name} updated.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("variant-targeting-groups")]
    public async Task<IActionResult> Groups(string? search, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var result = await catalog.ListGroupsAsync(search, new PageRequest(page, pageSize), ct);
        return View(new VariantTargetingGroupListModel(result, search, new Pager(result.PageNumber, result.PageSize, result.Total, Request)));
    }

    [HttpGet("variant-targeting-groups/create")]
    public IActionResult CreateGroup() => View("EditGroup", new VariantTargetingGroupForm());

    [HttpGet("variant-targeting-groups/{id:int}/edit")]
    public async Task<IActionResult> EditGroup(int id, CancellationToken ct)
    {
        var g = await catalog.FindGroupAsync(id, ct);
        if (g is null) return NotFound();
        return View(new VariantTargetingGroupForm { Id = g.Id, Key = g.Key, Name = g.Name, ItemKeys = string.Join('\n', g.ItemKeys) });
    }

    [HttpPost("variant-targeting-groups/save")]
    public async Task<IActionResult> SaveGroup(VariantTargetingGroupForm form, CancellationToken ct)
    {
        // The key is set once: an update sends none (the stored key stays), so a tampered field cannot change it.
        var input = new VariantTargetingGroupInput(form.Name, KeyLines.Split(form.ItemKeys), form.Id is null ? NullIfBlank(form.Key) : null);
        try
        {
            if (form.Id is int id) await catalog.UpdateGroupAsync(id, input, ct);
            else await catalog.CreateGroupAsync(input, ct);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            if (form.Id is int id && await catalog.FindGroupAsync(id, ct) is { } stored) form.Key = stored.Key;
            return View("EditGroup", form);
        }
        TempData["Success"] = form.Id is null ? $"Variant targeting group {form.Name} created." : $"Variant targeting group {form.Name} updated.";
        return RedirectToAction(nameof(Groups));
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A textarea of keys, one per line (commas also split, for lists pasted from a spreadsheet row).</summary>
public static class KeyLines
{
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
