using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PromoAdmin.Domain.Catalog;
using Location = PromoAdmin.Domain.Locations.Location;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.BrowserTests.PromoCodes;

/// <summary>The promo code browser classes run one after the other: two Chromiums at once are too much for the shared machine.</summary>
[CollectionDefinition(nameof(PromoCodesBrowserCollection))]
public sealed class PromoCodesBrowserCollection;

/// <summary>Arranging data for a browser test: locations and catalog items with a unique tag, codes through the domain service.</summary>
internal static class Arrange
{
    public sealed record Place(string Tag, Location Home, Location Away, CatalogItem Event, CatalogItem Item, CatalogItem GiftCard)
    {
        public string Code(string name) => (name + Tag).ToUpperInvariant();
    }

    public static async Task<Place> PlaceAsync(BrowserFixture browser, string homeName, string awayName)
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        await using var scope = browser.App.Db();
        var db = scope.Context;
        var home = new Location { Key = $"home-{tag}", Name = $"{homeName}", TimeZone = "America/New_York" };
        var away = new Location { Key = $"away-{tag}", Name = $"{awayName}", TimeZone = "America/Chicago" };
        var ev = new CatalogItem { Key = $"escape-vault-{tag}", Name = "Escape Room: The Vault", Kind = CatalogItemKind.Event };
        var item = new CatalogItem { Key = $"tshirt-{tag}", Name = "Arcade T-shirt", Kind = CatalogItemKind.Item };
        var gift = new CatalogItem { Key = $"gift50-{tag}", Name = "Gift card $50", Kind = CatalogItemKind.GiftCard };
        db.Locations.AddRange(home, away);
        db.CatalogItems.AddRange(ev, item, gift,
            new CatalogItem { Key = $"laser-{tag}", Name = "Laser Tag Arena", Kind = CatalogItemKind.Event },
            new CatalogItem { Key = $"vr-{tag}", Name = "VR Experience", Kind = CatalogItemKind.Event });
        await db.SaveChangesAsync();
        return new Place(tag, home, away, ev, item, gift);
    }

    public static async Task<PromoCode> CodeAsync(BrowserFixture browser, PromoCodeInput input)
    {
        await using var scope = browser.App.Db();
        return await scope.Services.GetRequiredService<PromoCodeService>().CreateAsync(input);
    }

    /// <summary>Works at <paramref name="location"/> from the next page on (the header switcher's cookie).</summary>
    public static Task AtAsync(BrowserFixture browser, IPage page, Location location) =>
        page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = location.Key, Url = browser.BaseUrl }]);

    public static ILocator Row(IPage page, string code) => page.Locator($"table.promo-table tbody tr[data-code='{code}']");

    /// <summary>Opens a row's three-dot menu and clicks one of its actions.</summary>
    public static async Task RowActionAsync(IPage page, string code, string action)
    {
        await page.GetByLabel($"Actions for {code}").ClickAsync();
        await Row(page, code).Locator(".row-menu-panel").GetByText(action, new() { Exact = true }).ClickAsync();
    }

    /// <summary>A screenshot from the top of the page (a full-page capture keeps the sticky header where the viewport was).</summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(page, name);
    }
}
