using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Shared;

/// <summary>
/// The searches behind the long pick lists (docs/rules.md#pickers): the settings form's catalog items and campaigns and the
/// Generate Batch form's segments. Each answers at most <see cref="SettingOptionsService.MaxMatches"/> options containing
/// the text, as the page renders them. They need what the least of those forms needs, generating a batch: every role that
/// edits codes or batch settings has it too.
/// </summary>
[Authorize(Policy = Policies.GenerateBatches)]
public sealed class PickerSearchController(SettingOptionsService options, CustomerService customers) : Controller
{
    /// <summary>
    /// The bulk update's code picker: the location's own active codes matching <paramref name="q"/> as the promo code list's
    /// code filter matches, the first <see cref="SettingOptionsService.CodeMatches"/>. The bulk update's permission.
    /// </summary>
    [HttpGet("promo-codes/search"), Authorize(Policy = Policies.ManageCodes)]
    public async Task<ActionResult<List<CheckOption>>> SearchCodes(string? q, [FromServices] PromoCodeService codes, [FromServices] CurrentLocation currentLocation,
        CancellationToken ct)
    {
        if (TooLong(q) is { } refused) return refused;
        if (PickerSearch.Clean(q) is not { } text || await currentLocation.GetAsync(ct) is not { } current) return new List<CheckOption>();
        var own = await codes.OwnQueryAsync(new PromoCodeFilter(current.Id, Code: text), ct);
        return (await SettingOptionsService.CodeOptionsAsync(own, search: true, ct)).Select(CheckOption.Of).ToList();
    }

    [HttpGet("catalog/items/search")]
    public async Task<ActionResult<List<CheckOption>>> SearchCatalogItems(string? q, CancellationToken ct)
    {
        if (TooLong(q) is { } refused) return refused;
        return (await options.FindCatalogItemsAsync(q, SettingOptionsService.MaxMatches, ct)).Select(CheckOption.Of).ToList();
    }

    [HttpGet("campaigns/search")]
    public async Task<ActionResult<List<CheckOption>>> SearchCampaigns(string? q, CancellationToken ct)
    {
        if (TooLong(q) is { } refused) return refused;
        return (await options.FindCampaignsAsync(q, SettingOptionsService.MaxMatches, ct)).Select(CheckOption.Of).ToList();
    }

    [HttpGet("customers/segments/search")]
    public async Task<ActionResult<List<CheckOption>>> SearchSegments(string? q, CancellationToken ct)
    {
        if (TooLong(q) is { } refused) return refused;
        return (await customers.ListSegmentsAsync(q, new PageRequest(1, SettingOptionsService.MaxMatches), ct)).Items.Select(CheckOption.Of).ToList();
    }

    private BadRequestObjectResult? TooLong(string? q) => q?.Length > PickerSearch.MaxText
        ? BadRequest(new ProblemDetails { Status = 400, Title = "The search text is too long.", Detail = $"Search for at most {PickerSearch.MaxText} characters." })
        : null;
}
