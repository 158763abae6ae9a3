using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Campaigns;

/// <param name="Budget">The limits as clients send them (null: no budget); either part null is no limit.</param>
/// <param name="Used">What the campaign's applied (not voided) redemptions have given, budget or not.</param>
public sealed record CampaignDto(int Id, string Name, CampaignBudgetInput? Budget, CampaignUsedDto Used)
{
    public static CampaignDto From(Campaign c) => new(c.Id, c.Name,
        c.HasBudget ? new CampaignBudgetInput(c.BudgetMaxDiscount, c.BudgetMaxRedemptions) : null,
        new CampaignUsedDto(c.BudgetDiscountUsed, c.BudgetRedemptionsUsed));
}

public sealed record CampaignUsedDto(decimal DiscountTotal, int Redemptions);

[Tags("Campaigns")]
[Route("api/v1/campaigns")]
public sealed class CampaignsApiController(LookupService lookups) : AdminApiController
{
    /// <summary>The campaigns, paged; search by text.</summary>
    [HttpGet]
    public async Task<ListResponse<CampaignDto>> List([FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await lookups.ListCampaignsAsync(search, new PageRequest(page, pageSize), ct), CampaignDto.From);

    /// <summary>One campaign.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<CampaignDto>> Get(int id, CancellationToken ct) =>
        await lookups.FindCampaignAsync(id, ct) is { } c ? CampaignDto.From(c) : NotFound();

    /// <summary>Creates a campaign; 201 with it and its address in Location.</summary>
    [HttpPost]
    [ProducesResponseType<CampaignDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<CampaignDto>> Create(CampaignInput input, CancellationToken ct)
    {
        var created = await lookups.CreateCampaignAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, CampaignDto.From(created));
    }

    /// <summary>Replaces the campaign: a field left out takes its default.</summary>
    [HttpPut("{id:int}")]
    public async Task<CampaignDto> Update(int id, CampaignInput input, CancellationToken ct) =>
        CampaignDto.From(await lookups.UpdateCampaignAsync(id, input, ct));
}
