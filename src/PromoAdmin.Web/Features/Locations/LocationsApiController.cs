using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Locations;

public sealed record LocationDto(int Id, string Key, string Name, string TimeZone)
{
    public static LocationDto From(Location l) => new(l.Id, l.Key, l.Name, l.TimeZone);
}

[Tags("Locations")]
[Route("api/v1/locations")]
public sealed class LocationsApiController(LocationService locations) : AdminApiController
{
    /// <summary>The locations, paged; search by text.</summary>
    [HttpGet]
    public async Task<ListResponse<LocationDto>> List([FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await locations.ListAsync(search, new PageRequest(page, pageSize), ct), LocationDto.From);

    /// <summary>One location.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<LocationDto>> Get(int id, CancellationToken ct) =>
        await locations.FindAsync(id, ct) is { } l ? LocationDto.From(l) : NotFound();

    /// <summary>Creates a location; 201 with it and its address in Location.</summary>
    [HttpPost]
    [ProducesResponseType<LocationDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<LocationDto>> Create(LocationInput input, CancellationToken ct)
    {
        var created = await locations.CreateAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, LocationDto.From(created));
    }

    /// <summary>Replaces the location: a field left out takes its default.</summary>
    [HttpPut("{id:int}")]
    public async Task<LocationDto> Update(int id, LocationInput input, CancellationToken ct) =>
        LocationDto.From(await locations.UpdateAsync(id, input, ct));
}
