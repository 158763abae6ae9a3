using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Redemptions;

[Route("api/v1/redemptions")]
public sealed class RedemptionsApiController(RedemptionQueries redemptions) : AdminApiController
{
    /// <summary>Every redemption, also of deleted codes; filter by code text, order number or customer key.</summary>
    [HttpGet]
    public async Task<ListResponse<RedemptionDto>> List([FromQuery] string? code, [FromQuery] string? orderNumber, [FromQuery] string? customerKey,
        [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await redemptions.ListAsync(new RedemptionFilter(null, code, orderNumber, customerKey), new PageRequest(page, pageSize), ct), RedemptionDto.From);
}
