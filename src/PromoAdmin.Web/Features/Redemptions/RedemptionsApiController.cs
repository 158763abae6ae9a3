using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Redemptions;

[Tags("Redemptions")]
[Route("api/v1/redemptions")]
public sealed class RedemptionsApiController(RedemptionQueries redemptions) : AdminApiController
{
    /// <summary>
    /// Every redemption, also of deleted codes, newest first; filter by code text, order number, customer key, location and
    /// calendar days (from and to included, each redemption's own location's days; docs/rules.md#redemptions).
    /// </summary>
    [HttpGet]
    public async Task<ListResponse<RedemptionDto>> List([FromQuery] string? code, [FromQuery] string? orderNumber, [FromQuery] string? customerKey,
        [FromQuery] string? locationKey, [FromQuery] string? from, [FromQuery] string? to,
        [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default)
    {
        var filter = await redemptions.ResolveAsync(new RedemptionSearch(code, orderNumber, customerKey, locationKey, from, to), ct);
        return ListResponse.From(await redemptions.SearchAsync(filter, new PageRequest(page, pageSize), ct), RedemptionDto.From);
    }
}
