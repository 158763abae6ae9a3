using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Domain.Reports;
using PromoAdmin.Domain.Settings;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Home;

public sealed record ErrorModel(int Status, string TraceId, bool SignedIn);

public sealed record DashboardModel(string? LocationName, int ActiveCodes, int ArchivedCodes, int Batches, int RedemptionsLast30Days)
{
    /// <summary>The location's redemptions and discount each of its last 30 calendar days (docs/rules.md#reports).</summary>
    public IReadOnlyList<DayTotal> Trend { get; init; } = [];

    public string? LocationKey { get; init; }

    public MoneyFormat Money { get; init; } = MoneyFormat.For(null);
}

public sealed class HomeController(PromoCodeService codes, CurrentLocation location, TimeProvider clock) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index([FromServices] BatchService batches, [FromServices] RedemptionQueries redemptions, [FromServices] ReportQueries reports,
        [FromServices] AccountSettingsService account, CancellationToken ct)
    {
        var current = await location.GetAsync(ct);
        var id = current?.Id ?? 0;
        var since = clock.GetUtcNow().AddDays(-30);
        var model = new DashboardModel(
            current?.Name,
            await codes.CountOwnAsync(id, archived: false, ct),
            await codes.CountOwnAsync(id, archived: true, ct),
            await batches.CountAsync(id, ct),
            await redemptions.CountAppliedSinceAsync(id, since, ct))
        {
            Trend = current is null ? [] : await reports.RedemptionsDailyAsync(new ReportFilter(current.Id, 30), ct),
            LocationKey = current?.Key,
            Money = MoneyFormat.For((await account.GetAsync(ct)).Currency),
        };
        return View(model);
    }

    /// <summary>Switches the current location (the header's form) and goes back where the admin was.</summary>
    [HttpPost("/location")]
    public async Task<IActionResult> SwitchLocation(string key, string? returnUrl, [FromServices] LocationService locations, CancellationToken ct)
    {
        if (await locations.FindByKeyAsync(key, ct) is not null) CurrentLocation.Set(Response, key);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>
    /// The error page of every failed page request, whatever its method (docs/errors.md): re-executed with the status of
    /// the failure (400 expired form, 403, 404, 500 with the trace id).
    /// </summary>
    [AllowAnonymous, IgnoreAntiforgeryToken, Route("/error"), Route("/error/{status:int}")]
    public IActionResult Error(int? status)
    {
        var code = status ?? (Response.StatusCode >= 400 ? Response.StatusCode : 500);
        // A page asked for with a method it does not take is, to a person, a page that is not there.
        if (code is < 400 or > 599 or 405) code = 404;
        Response.StatusCode = code;
        return View(new ErrorModel(code, HttpContext.TraceIdentifier, User.Identity?.IsAuthenticated == true));
    }
}
