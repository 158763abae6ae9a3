using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Redemptions;

/// <summary>Redemptions made the way a shop makes them (the checkout API), then placed at a chosen moment when a test needs one.</summary>
internal static class RedemptionsKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A 10%-off code at a location with five uses left.</summary>
    public static Task<PromoCode> CodeAsync(PromoAdminFactory app, int locationId, string text) =>
        app.AddCodeAsync(locationId, text, c => (c.Amount, c.Inventory.Quantity) = (10, 5));

    /// <summary>Redeems <paramref name="code"/> on a $20 line (10% off: $2.00); the redemption's id.</summary>
    public static async Task<long> RedeemAsync(PromoAdminFactory app, TestWorld w, string code, string order, string? locationKey = null,
        string channel = "online", string? customerKey = null)
    {
        var redeemed = await app.ApiClient().PostAsJsonAsync("/api/v1/checkout/redeem", new
        {
            code, locationKey = locationKey ?? w.Home, orderNumber = order, channel,
            customer = customerKey is null ? null : new { key = customerKey },
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 1 } },
        }, Ct).ExpectAsync(HttpStatusCode.OK);
        return redeemed.GetProperty("redemptionId").GetInt64();
    }

    /// <summary>Moves a redemption to another moment (checkout stamps "now").</summary>
    /// <summary>Moves a redemption to another moment, its day with it (the location's calendar day, as a redeem keeps it).</summary>
    public static async Task PlaceAtAsync(PromoAdminFactory app, long id, DateTimeOffset at)
    {
        await using var scope = app.Db();
        var zone = await scope.Context.Redemptions.Where(r => r.Id == id)
            .Join(scope.Context.Locations, r => r.LocationId, l => l.Id, (r, l) => l.TimeZone).SingleAsync(Ct);
        var day = PromoAdmin.Domain.PromoCodes.PromoCodeStatus.Today(at, zone);
        await scope.Context.Redemptions.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RedeemedAt, at).SetProperty(r => r.Day, day), Ct);
    }

    public static List<IHtmlTableRowElement> Rows(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".redemptions-table tbody tr").OfType<IHtmlTableRowElement>()];

    public static string Cell(IHtmlTableRowElement row, string column) =>
        row.QuerySelector($"td[data-col={column}]")!.TextContent.Replace('\u00a0', ' ').Trim();

    /// <summary>The orders listed, in the list's order.</summary>
    public static List<string> Orders(IHtmlDocument page) => [.. Rows(page).Select(r => Cell(r, "order"))];

    /// <summary>The antiforgery token of a signed-in session (every page's location switcher carries one).</summary>
    public static string TokenOf(IHtmlDocument page) =>
        ((IHtmlInputElement)page.QuerySelector("#location-switcher input[name=__RequestVerificationToken]")!).Value;
}
