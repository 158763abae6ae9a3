using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Web.Features.Catalog;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Customers;

public sealed record CustomerListModel(Page<Customer> Page, string? Search, Pager Pager);

public sealed record SegmentListModel(Page<SegmentSummary> Page, string? Search, Pager Pager);

public sealed record SegmentMembersModel(SegmentSummary Segment, Page<Customer> Members, string? Search, Pager Pager);

public sealed class CustomerForm
{
    public int? Id { get; set; }
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

public sealed class SegmentForm
{
    public int? Id { get; set; }
    public string? Name { get; set; }
    /// <summary>Customer keys, one per line.</summary>
    public string? CustomerKeys { get; set; }
}

[Route("customers"), Authorize(Policy = Policies.ManageReferenceData)]
public sealed class CustomersController(CustomerService customers) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var result = await customers.ListCustomersAsync(search, new PageRequest(page, pageSize), ct);
        return View(new CustomerListModel(result, search, new Pager(result.PageNumber, result.PageSize, result.Total, Request)));
    }

    [HttpGet("create")]
    public IActionResult Create() => View("Edit", new CustomerForm());

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var c = await customers.FindCustomerAsync(id, ct);
        if (c is null) return NotFound();
        return View(new CustomerForm { Id = c.Id, Key = c.Key, Name = c.Name, Email = c.Email, Phone = c.Phone });
    }

    [HttpPost("save")]
    public async Task<IActionResult> Save(CustomerForm form, CancellationToken ct)
    {
        var input = new CustomerInput(form.Key?.Trim(), form.Name, form.Email, form.Phone);
        try
        {
            if (form.Id is int id) await customers.UpdateCustomerAsync(id, input, ct);
            else await customers.CreateCustomerAsync(input, ct);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View("Edit", form);
        }
        TempData["Success"] = form.Id is null ? $"Customer {form.Name} created." : $"Customer {form.Name} updated.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("segments")]
    public async Task<IActionResult> Segments(string? search, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var result = await customers.ListSegmentsAsync(search, new PageRequest(page, pageSize), ct);
        return View(new SegmentListModel(result, search, new Pager(result.PageNumber, result.PageSize, result.Total, Request)));
    }

    [HttpGet("segments/{id:int}")]
    public async Task<IActionResult> Segment(int id, string? search, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var segment = await customers.FindSegmentAsync(id, ct);
        if (segment is null) return NotFound();
        var members = await customers.ListSegmentMembersAsync(id, search, new PageRequest(page, pageSize), ct);
        return View(new SegmentMembersModel(segment, members, search, new Pager(members.PageNumber, members.PageSize, members.Total, Request)));
    }

    [HttpGet("segments/create")]
    public IActionResult CreateSegment() => View("EditSegment", new SegmentForm());

    [HttpGet("segments/{id:int}/edit")]
    public async Task<IActionResult> EditSegment(int id, CancellationToken ct)
    {
        var s = await customers.FindSegmentDetailsAsync(id, ct);
        if (s is null) return NotFound();
        return View(new SegmentForm { Id = s.Id, Name = s.Name, CustomerKeys = string.Join('\n', s.CustomerKeys) });
    }

    [HttpPost("segments/save")]
    public async Task<IActionResult> SaveSegment(SegmentForm form, CancellationToken ct)
    {
        var input = new SegmentInput(form.Name, KeyLines.Split(form.CustomerKeys));
        SegmentDetails saved;
        try
        {
            saved = form.Id is int id ? await customers.UpdateSegmentAsync(id, input, ct) : await customers.CreateSegmentAsync(input, ct);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View("EditSegment", form);
        }
        var members = saved.CustomerKeys.Count == 1 ? "1 member" : $"{saved.CustomerKeys.Count} members";
        TempData["Success"] = form.Id is null ? $"Segment {saved.Name} created with {members}." : $"Segment {saved.Name} updated: {members}.";
        return RedirectToAction(nameof(Segment), new { id = saved.Id });
    }
}
