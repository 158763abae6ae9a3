using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Common;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Catalog;

/// <param name="Key">The catalog group key codes name in applicableGroups and excludedGroups; set at creation, never changed.</param>
public sealed record VariantTargetingGroupDto(int Id, string Key, string Name, IReadOnlyList<string> ItemKeys)
{
    public static VariantTargetingGroupDto From(VariantTargetingGroup g) => new(g.Id, g.Key, g.Name, g.ItemKeys);
}

[Tags("Variant targeting groups")]
[Route("api/v1/variant-targeting-groups")]
public sealed class VariantTargetingGroupsApiController(CatalogService catalog) : AdminApiController
{
    /// <summary>The variant targeting groups, paged; search by text.</summary>
    [HttpGet]
    public async Task<ListResponse<VariantTargetingGroupDto>> List([FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await catalog.ListGroupsAsync(search, new PageRequest(page, pageSize), ct), VariantTargetingGroupDto.From);

    /// <summary>One variant targeting group.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<VariantTargetingGroupDto>> Get(int id, CancellationToken ct) =>
        await catalog.FindGroupAsync(id, ct) is { } g ? VariantTargetingGroupDto.From(g) : NotFound();

    /// <summary>Creates a variant targeting group; 201 with it and its address in Location.</summary>
    [HttpPost]
    [ProducesResponseType<VariantTargetingGroupDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<VariantTargetingGroupDto>> Create(VariantTargetingGroupInput input, CancellationToken ct)
    {
        var created = await catalog.CreateGroupAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, VariantTargetingGroupDto.From(created));
    }

    /// <summary>Replaces the variant targeting group: a field left out takes its default.</summary>
    [HttpPut("{id:int}")]
    public async Task<VariantTargetingGroupDto> Update(int id, VariantTargetingGroupInput input, CancellationToken ct) =>
        VariantTargetingGroupDto.From(await catalog.UpdateGroupAsync(id, input, ct));
}
