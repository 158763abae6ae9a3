using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Locations;

public sealed record LocationListModel(Page<Location> Page, string? Search, Pager Pager);

public sealed class LocationForm
{
    public int? Id { get; set; }
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? TimeZone { get; set; }
}

[Route("locations"), Authorize(Policy = Policies.ManageReferenceData)]
public sealed class LocationsController(LocationService locations) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var result = await locations.ListAsync(search, new PageRequest(page, pageSize), ct);
        return View(new LocationListModel(result, search, new Pager(result.PageNumber, result.PageSize, result.Total, Request)));
    }

    [HttpGet("create")]
    public IActionResult Create() => View("Edit", new LocationForm { TimeZone = "America/New_York" });

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var l = await locations.FindAsync(id, ct);
        if (l is null) return NotFound();
        return View(new LocationForm { Id = l.Id, Key = l.Key, Name = l.Name, TimeZone = l.TimeZone });
    }

    [HttpPost("save")]
    public async Task<IActionResult> Save(LocationForm form, CancellationToken ct)
    {
        var input = new LocationInput(form.Key?.Trim(), form.Name, form.TimeZone?.Trim());
        try
        {
            if (form.Id is int id) await locations.UpdateAsync(id, input, ct);
            else await locations.CreateAsync(input, ct);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View("Edit", form);
        }
        TempData["Success"] = form.Id is null ? $"Location {form.Name} created." : $"Location {form.Name} updated.";
        return RedirectToAction(nameof(Index));
    }
}
