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
[Tags("Lookups")]
[Route("api/v1/lookups")]
public sealed class LookupsApiController(LookupService lookups) : AdminApiController
{
    /// <summary>The lookup values (filter by kind), paged; search by text.</summary>
    [HttpGet]
    public async Task<ListResponse<LookupDto>> List([FromQuery] LookupKind? kind, [FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await lookups.ListLookupsAsync(kind, search, new PageRequest(page, pageSize), ct), LookupDto.From);

    /// <summary>One lookup value.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<LookupDto>> Get(int id, CancellationToken ct) =>
        await lookups.FindLookupAsync(id, ct) is { } l ? LookupDto.From(l) : NotFound();

    /// <summary>Creates a lookup value; 201 with it and its address in Location.</summary>
    [HttpPost]
    [ProducesResponseType<LookupDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<LookupDto>> Create(LookupInput input, CancellationToken ct)
    {
        var created = await lookups.CreateLookupAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, LookupDto.From(created));
    }

    /// <summary>Replaces the lookup value: a field left out takes its default.</summary>
    [HttpPut("{id:int}")]
    public async Task<LookupDto> Update(int id, LookupInput input, CancellationToken ct) =>
        LookupDto.From(await lookups.UpdateLookupAsync(id, input, ct));
}
