using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Home;

public sealed record DashboardModel(string? LocationName, int ActiveCodes, int ArchivedCodes, int Batches, int RedemptionsLast30Days);

public sealed class HomeController(PromoAdminDbContext db, CurrentLocation location, TimeProvider clock) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var current = await location.GetAsync(ct);
        var id = current?.Id ?? 0;
        var since = clock.GetUtcNow().AddDays(-30);
        var model = new DashboardModel(
            current?.Name,
            await db.PromoCodes.CountAsync(c => c.LocationId == id && !c.IsArchived, ct),
            await db.PromoCodes.CountAsync(c => c.LocationId == id && c.IsArchived, ct),
            await db.Batches.CountAsync(b => b.LocationId == id, ct),
            await db.Redemptions.CountAsync(r => r.LocationId == id && r.Status == RedemptionStatus.Applied && r.RedeemedAt >= since, ct));
        return View(model);
    }

    /// <summary>Switches the current location (the header's form) and goes back where the admin was.</summary>
    [HttpPost("/location")]
    public async Task<IActionResult> SwitchLocation(string key, string? returnUrl, CancellationToken ct)
    {
        if (await db.Locations.AnyAsync(l => l.Key == key, ct)) CurrentLocation.Set(Response, key);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }

    [AllowAnonymous, HttpGet("/error")]
    public IActionResult Error() => View();
}
