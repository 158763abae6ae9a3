using Microsoft.Playwright;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.BrowserTests.PromoCodes;

/// <summary>
/// Tests that must not overlap on the shared app: the walkthrough reads its location's whole list (empty, then one code),
/// and a code another test shares with all locations is listed at every location while it exists (that test removes it
/// when done). Every other browser class runs in parallel with them.
/// </summary>
[CollectionDefinition(nameof(WholeListCollection))]
public sealed class WholeListCollection;

/// <summary>Helpers of the promo code pages in the browser (the data itself comes from <see cref="TestData"/>).</summary>
internal static class PromoCodePages
{
    /// <summary>A signed-in admin's new page at the world's home location; confirmation dialogs are accepted.</summary>
    public static async Task<IPage> SignedInAtAsync(BrowserFixture browser, TestWorld place)
    {
        var page = await browser.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await browser.SignInAsync(page);
        await AtAsync(browser, page, place.Home);
        return page;
    }

    /// <summary>Works at the location <paramref name="locationKey"/> from the next page on (the header switcher's cookie).</summary>
    public static Task AtAsync(BrowserFixture browser, IPage page, string locationKey) =>
        page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = locationKey, Url = browser.BaseUrl }]);

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
