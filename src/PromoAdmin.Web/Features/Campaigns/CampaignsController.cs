using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Campaigns;

public sealed record CampaignListModel(Page<Campaign> Page, string? Search, Pager Pager);

public sealed record LookupListModel(LookupKind Kind, Page<Lookup> Page, string? Search, Pager Pager);

public sealed class CampaignForm
{
    public int? Id { get; set; }
    public string? Name { get; set; }
}

public sealed class LookupForm
{
    public int? Id { get; set; }
    public LookupKind? Kind { get; set; }
    public string? Name { get; set; }
}

/// <summary>How a lookup kind reads on screen and in a URL (the API's camelCase value).</summary>
public static class LookupKinds
{
    public static readonly LookupKind[] All = Enum.GetValues<LookupKind>();

    /// <summary>Mid-sentence: "offer type", "P&amp;L allocation", "transaction type".</summary>
    public static string Noun(this LookupKind kind) => kind switch
    {
        LookupKind.OfferType => "offer type",
        LookupKind.PnlAllocation => "P&L allocation",
        _ => "transaction type",
    };

    public static string Label(this LookupKind kind) => char.ToUpperInvariant(kind.Noun()[0]) + kind.Noun()[1..];

    public static string PluralLabel(this LookupKind kind) => kind.Label() + "s";

    public static string Value(this LookupKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}

[Route("campaigns"), Authorize(Policy = Policies.ManageReferenceData)]
public sealed class CampaignsController(LookupService lookups) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var result = await lookups.ListCampaignsAsync(search, new PageRequest(page, pageSize), ct);
        return View(new CampaignListModel(result, search, new Pager(result.PageNumber, result.PageSize, result.Total, Request)));
    }

    [HttpGet("create")]
    public IActionResult Create() => View("Edit", new CampaignForm());

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var c = await lookups.FindCampaignAsync(id, ct);
        if (c is null) return NotFound();
        return View(new CampaignForm { Id = c.Id, Name = c.Name });
    }

    [HttpPost("save")]
    public async Task<IActionResult> Save(CampaignForm form, CancellationToken ct)
    {
        var input = new CampaignInput(form.Name);
        try
        {
            if (form.Id is int id) await lookups.UpdateCampaignAsync(id, input, ct);
            else await lookups.CreateCampaignAsync(input, ct);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View("Edit", form);
        }
        TempData["Success"] = form.Id is null ? $"Campaign {form.Name} created." : $"Campaign {form.Name} updated.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("lookups")]
    public async Task<IActionResult> Lookups(LookupKind kind = LookupKind.OfferType, string? search = null, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var result = await lookups.ListLookupsAsync(kind, search, new PageRequest(page, pageSize), ct);
        return View(new LookupListModel(kind, result, search, new Pager(result.PageNumber, result.PageSize, result.Total, Request)));
    }

    [HttpGet("lookups/create")]
    public IActionResult CreateLookup(LookupKind kind = LookupKind.OfferType) => View("EditLookup", new LookupForm { Kind = kind });

    [HttpGet("lookups/{id:int}/edit")]
    public async Task<IActionResult> EditLookup(int id, CancellationToken ct)
    {
        var l = await lookups.FindLookupAsync(id, ct);
        if (l is null) return NotFound();
        return View(new LookupForm { Id = l.Id, Kind = l.Kind, Name = l.Name });
    }

    [HttpPost("lookups/save")]
    public async Task<IActionResult> SaveLookup(LookupForm form, CancellationToken ct)
    {
        var input = new LookupInput(form.Kind, form.Name);
        Lookup saved;
        try
        {
            saved = form.Id is int id ? await lookups.UpdateLookupAsync(id, input, ct) : await lookups.CreateLookupAsync(input, ct);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View("EditLookup", form);
        }
        TempData["Success"] = $"{saved.Kind.Label()} {saved.Name} {(form.Id is null ? "created" : "updated")}.";
        return RedirectToAction(nameof(Lookups), new { kind = saved.Kind.Value() });
    }
}
