using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Groups;

public sealed record PromoCodeGroupDto(int Id, string Name, string? Description, bool HasDefaultSettings, PromoCodeInput? Defaults)
{
    public static PromoCodeGroupDto From(PromoCodeGroup g) =>
        new(g.Id, g.Name, g.Description, g.HasDefaultSettings, g.HasDefaultSettings ? PromoCodeGroupService.ReadDefaults(g) : null);
}

[Tags("Groups")]
[Route("api/v1/promo-code-groups")]
public sealed class GroupsApiController(PromoCodeGroupService groups) : AdminApiController
{
    /// <summary>The promo code groups, paged; search by text.</summary>
    [HttpGet]
    public async Task<ListResponse<PromoCodeGroupDto>> List([FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await groups.ListAsync(search, new PageRequest(page, pageSize), ct), PromoCodeGroupDto.From);

    /// <summary>One promo code group.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<PromoCodeGroupDto>> Get(int id, CancellationToken ct) =>
        await groups.FindAsync(id, ct) is { } g ? PromoCodeGroupDto.From(g) : NotFound();

    /// <summary>Creates a promo code group; 201 with it and its address in Location.</summary>
    [HttpPost]
    [ProducesResponseType<PromoCodeGroupDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<PromoCodeGroupDto>> Create(PromoCodeGroupInput input, CancellationToken ct)
    {
        var created = await groups.CreateAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, PromoCodeGroupDto.From(created));
    }

    /// <summary>Replaces the promo code group: a field left out takes its default.</summary>
    [HttpPut("{id:int}")]
    public async Task<PromoCodeGroupDto> Update(int id, PromoCodeGroupInput input, CancellationToken ct) =>
        PromoCodeGroupDto.From(await groups.UpdateAsync(id, input, ct));
}
