using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Campaigns;

public sealed record CampaignListModel(Page<Campaign> Page, string? Search, Pager Pager, MoneyFormat Money);

public sealed record LookupListModel(LookupKind Kind, Page<Lookup> Page, string? Search, Pager Pager);

/// <summary>A campaign as the form posts it; the budget's inputs are named as the API's (Budget.MaxDiscountTotal) so errors land on them.</summary>
public sealed class CampaignForm
{
    public int? Id { get; set; }
    public string? Name { get; set; }
    public CampaignBudgetForm Budget { get; set; } = new();

    public CampaignInput ToInput() =>
        new(Name, Budget.MaxDiscountTotal is null && Budget.MaxRedemptions is null ? null : new CampaignBudgetInput(Budget.MaxDiscountTotal, Budget.MaxRedemptions));

    public static CampaignForm From(Campaign c) => new()
    {
        Id = c.Id, Name = c.Name, Budget = new() { MaxDiscountTotal = c.BudgetMaxDiscount, MaxRedemptions = c.BudgetMaxRedemptions },
    };
}

/// <summary>Blank is no limit.</summary>
public sealed class CampaignBudgetForm
{
    public decimal? MaxDiscountTotal { get; set; }
    public int? MaxRedemptions { get; set; }
}

/// <summary>The campaign edit page: the form, and for a saved campaign what its codes have used.</summary>
public sealed record CampaignEditModel(CampaignForm Form, Campaign? Stored, MoneyFormat Money);

/// <summary>How a campaign's budget reads: "$1,234.00 of $10,000.00 given; 17 of 5,000 redemptions".</summary>
public static class CampaignText
{
    public static string Usage(Campaign c, MoneyFormat money)
    {
        var given = money.Format(c.BudgetDiscountUsed);
        var discount = c.BudgetMaxDiscount is { } max ? $"{given} of {money.Format(max)} given" : $"{given} given";
        var used = c.BudgetRedemptionsUsed.ToString("#,0", CultureInfo.InvariantCulture);
        var count = c.BudgetMaxRedemptions is { } n ? $"{used} of {n.ToString("#,0", CultureInfo.InvariantCulture)} redemptions"
            : $"{used} redemption{(c.BudgetRedemptionsUsed == 1 ? "" : "s")}";
        return $"{discount}; {count}";
    }

    /// <summary>"$10,000.00 and 5,000 redemptions", or "No budget".</summary>
    public static string Limits(Campaign c, MoneyFormat money) =>
        !c.HasBudget ? "No budget"
            : string.Join(" and ", new[]
            {
                c.BudgetMaxDiscount is { } max ? money.Format(max) : null,
                c.BudgetMaxRedemptions is { } n ? $"{n.ToString("#,0", CultureInfo.InvariantCulture)} redemptions" : null,
            }.OfType<string>());
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
public sealed class CampaignsController(LookupService lookups, SettingOptionsService options) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var result = await lookups.ListCampaignsAsync(search, new PageRequest(page, pageSize), ct);
        return View(new CampaignListModel(result, search, new Pager(result.PageNumber, result.PageSize, result.Total, Request), await MoneyAsync(ct)));
    }

    [HttpGet("create")]
    public async Task<IActionResult> Create(CancellationToken ct) => View("Edit", new CampaignEditModel(new CampaignForm(), null, await MoneyAsync(ct)));

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var c = await lookups.FindCampaignAsync(id, ct);
        if (c is null) return NotFound();
        return View(new CampaignEditModel(CampaignForm.From(c), c, await MoneyAsync(ct)));
    }

    [HttpPost("save")]
    public async Task<IActionResult> Save(CampaignForm form, CancellationToken ct)
    {
        // A number that does not bind ("abc") is the form's own error: the domain would read it as "no limit".
        if (!ModelState.IsValid) return await EditViewAsync(form, ct);
        try
        {
            if (form.Id is int id) await lookups.UpdateCampaignAsync(id, form.ToInput(), ct);
            else await lookups.CreateCampaignAsync(form.ToInput(), ct);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return await EditViewAsync(form, ct);
        }
        TempData["Success"] = form.Id is null ? $"Campaign {form.Name} created." : $"Campaign {form.Name} updated.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> EditViewAsync(CampaignForm form, CancellationToken ct)
    {
        var stored = form.Id is int id ? await lookups.FindCampaignAsync(id, ct) : null;
        return View("Edit", new CampaignEditModel(form, stored, await MoneyAsync(ct)));
    }

    private async Task<MoneyFormat> MoneyAsync(CancellationToken ct) => MoneyFormat.For(await options.CurrencyAsync(ct));

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
