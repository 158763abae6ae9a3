using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Domain.Settings;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.PromoCodes;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Redemptions;

/// <summary>The Redemptions page's filters as they travel in the URL: the API's parameter names (docs/rules.md#redemptions).</summary>
public sealed class RedemptionPageFilter
{
    public string? Code { get; set; }
    public string? OrderNumber { get; set; }
    public string? CustomerKey { get; set; }
    public string? LocationKey { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }

    public RedemptionSearch ToSearch() => new(Code, OrderNumber, CustomerKey, LocationKey, From, To);
}

public sealed record RedemptionListModel(
    RedemptionPageFilter Filter, Page<RedemptionRow> Page, Pager Pager, int PageSize, IReadOnlyList<Location> Locations, MoneyFormat Money,
    string? OrderLinkTemplate, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly int[] PageSizes = PromoCodeListModel.PageSizes;

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? messages[0] : null;
}

public sealed record VoidRedemptionModel(RedemptionRow Row, MoneyFormat Money, string? Back);

/// <summary>
/// The Redemptions page: every redemption the user may see, filtered, paged and exported; voided with a confirmation.
/// The filters and the void rule live in the domain (RedemptionQueries, CheckoutService.VoidAsync), shared with the API.
/// </summary>
[Route("redemptions")]
public sealed class RedemptionsController(RedemptionQueries redemptions, CurrentLocation currentLocation, AccountSettingsService account) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] RedemptionPageFilter filter, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        if (!RedemptionListModel.PageSizes.Contains(pageSize)) pageSize = PageRequest.PageDefault;
        Page<RedemptionRow> result;
        IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
        try
        {
            var resolved = await redemptions.ResolveAsync(filter.ToSearch(), ct);
            result = await redemptions.SearchAsync(resolved, new PageRequest(page, pageSize), ct);
        }
        catch (DomainValidationException ex)
        {
            // A filter that cannot be read lists nothing rather than something it did not ask for.
            errors = ex.Errors;
            result = new Page<RedemptionRow>([], 1, pageSize, 0);
        }
        var settings = await account.GetAsync(ct);
        return View(new RedemptionListModel(filter, result, new Pager(result.PageNumber, result.PageSize, result.Total, Request), pageSize,
            await currentLocation.AllAsync(ct), MoneyFormat.For(settings.Currency), settings.OrderLinkTemplate, errors));
    }

    /// <summary>The filtered redemptions as CSV: the whole match, not one page.</summary>
    [HttpGet("export.csv"), Authorize(Policy = Policies.DownloadData)]
    public async Task<IActionResult> Export([FromQuery] RedemptionPageFilter filter, CancellationToken ct)
    {
        try
        {
            return CsvDownload.ForRedemptions(await redemptions.ExportRowsAsync(await redemptions.ResolveAsync(filter.ToSearch(), ct), ct));
        }
        catch (DomainValidationException ex)
        {
            TempData["Error"] = string.Join(" ", ex.Errors.Values.SelectMany(m => m));
            return Redirect(ListUrl(Request.QueryString.Value));
        }
    }

    /// <summary>The confirmation step, a page of its own so that it works without JavaScript.</summary>
    [HttpGet("{id:long}/void"), Authorize(Policy = Policies.VoidRedemptions)]
    public async Task<IActionResult> Void(long id, string? back, CancellationToken ct)
    {
        if (await redemptions.FindAsync(id, ct) is not { } row) return NotFound();
        var settings = await account.GetAsync(ct);
        return View(new VoidRedemptionModel(row, MoneyFormat.For(settings.Currency), back));
    }

    [HttpPost("{id:long}/void"), Authorize(Policy = Policies.VoidRedemptions)]
    public async Task<IActionResult> VoidConfirmed(long id, string? back, [FromServices] CheckoutService checkout, CancellationToken ct)
    {
        VoidResult result;
        try
        {
            result = await checkout.VoidAsync(id, null, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var what = $"The redemption of {result.CodeText} on order {result.OrderNumber}";
        if (result.VoidedNow) TempData["Success"] = $"{what} was voided: the code's usage was given back.";
        else TempData["Error"] = $"{what} was already voided{(result.VoidedAt is { } at ? $" ({at.UtcDateTime:yyyy-MM-dd HH:mm} UTC)" : "")}. Nothing changed.";
        return Redirect(ListUrl(back));
    }

    /// <summary>Back to the list as it was filtered: only a query string is kept, so the answer never leaves the page.</summary>
    private string ListUrl(string? back) => Url.Action(nameof(Index))! + (back is { Length: > 1 } && back[0] == '?' ? back : "");
}
