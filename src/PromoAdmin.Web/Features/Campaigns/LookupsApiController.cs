using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Campaigns;

public sealed record LookupDto(int Id, LookupKind Kind, string Name)
{
    public static LookupDto From(Lookup l) => new(l.Id, l.Kind, l.Name);
}

/// <summary>Offer types, P&amp;L allocations and transaction types: one resource, told apart by <c>kind</c>.</summary>
[Route("api/v1/lookups")]
public sealed class LookupsApiController(LookupService lookups) : AdminApiController
{
    [HttpGet]
    public async Task<ListResponse<LookupDto>> List([FromQuery] LookupKind? kind, [FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await lookups.ListLookupsAsync(kind, search, new PageRequest(page, pageSize), ct), LookupDto.From);

    [HttpGet("{id:int}")]
    public async Task<ActionResult<LookupDto>> Get(int id, CancellationToken ct) =>
        await lookups.FindLookupAsync(id, ct) is { } l ? LookupDto.From(l) : NotFound();

    [HttpPost]
    public async Task<ActionResult<LookupDto>> Create(LookupInput input, CancellationToken ct)
    {
        var created = await lookups.CreateLookupAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, LookupDto.From(created));
    }

    [HttpPut("{id:int}")]
    public async Task<LookupDto> Update(int id, LookupInput input, CancellationToken ct) =>
        LookupDto.From(await lookups.UpdateLookupAsync(id, input, ct));
}
