using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Common;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Catalog;

public sealed record CatalogItemDto(int Id, string Key, string Name, CatalogItemKind Kind)
{
    public static CatalogItemDto From(CatalogItem c) => new(c.Id, c.Key, c.Name, c.Kind);
}

[Tags("Catalog items")]
[Route("api/v1/catalog-items")]
public sealed class CatalogItemsApiController(CatalogService catalog) : AdminApiController
{
    /// <summary>The catalog items, paged; search by text.</summary>
    [HttpGet]
    public async Task<ListResponse<CatalogItemDto>> List([FromQuery] string? search, [FromQuery] CatalogItemKind? kind, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await catalog.ListItemsAsync(search, kind, new PageRequest(page, pageSize), ct), CatalogItemDto.From);

    /// <summary>One catalog item.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<CatalogItemDto>> Get(int id, CancellationToken ct) =>
        await catalog.FindItemAsync(id, ct) is { } c ? CatalogItemDto.From(c) : NotFound();

    /// <summary>Creates a catalog item; 201 with it and its address in Location.</summary>
    [HttpPost]
    [ProducesResponseType<CatalogItemDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<CatalogItemDto>> Create(CatalogItemInput input, CancellationToken ct)
    {
        var created = await catalog.CreateItemAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, CatalogItemDto.From(created));
    }

    /// <summary>Replaces the catalog item: a field left out takes its default.</summary>
    [HttpPut("{id:int}")]
    public async Task<CatalogItemDto> Update(int id, CatalogItemInput input, CancellationToken ct) =>
        CatalogItemDto.From(await catalog.UpdateItemAsync(id, input, ct));
}
