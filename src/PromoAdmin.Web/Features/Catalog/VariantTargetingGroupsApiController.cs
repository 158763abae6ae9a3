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

[Route("api/v1/variant-targeting-groups")]
public sealed class VariantTargetingGroupsApiController(CatalogService catalog) : AdminApiController
{
    [HttpGet]
    public async Task<ListResponse<VariantTargetingGroupDto>> List([FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await catalog.ListGroupsAsync(search, new PageRequest(page, pageSize), ct), VariantTargetingGroupDto.From);

    [HttpGet("{id:int}")]
    public async Task<ActionResult<VariantTargetingGroupDto>> Get(int id, CancellationToken ct) =>
        await catalog.FindGroupAsync(id, ct) is { } g ? VariantTargetingGroupDto.From(g) : NotFound();

    [HttpPost]
    public async Task<ActionResult<VariantTargetingGroupDto>> Create(VariantTargetingGroupInput input, CancellationToken ct)
    {
        var created = await catalog.CreateGroupAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, VariantTargetingGroupDto.From(created));
    }

    [HttpPut("{id:int}")]
    public async Task<VariantTargetingGroupDto> Update(int id, VariantTargetingGroupInput input, CancellationToken ct) =>
        VariantTargetingGroupDto.From(await catalog.UpdateGroupAsync(id, input, ct));
}
