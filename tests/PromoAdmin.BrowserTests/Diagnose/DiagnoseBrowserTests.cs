using Microsoft.Playwright;
using PromoAdmin.Web.Features.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.Diagnose;

/// <summary>
/// The Diagnose page in real Chromium: after a check the answer has the focus, for keyboard and screen reader users; the
/// purchase time's label names the time zone of the location picked.
/// </summary>
public sealed class DiagnoseBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task After_a_check_the_focus_is_on_the_result()
    {
        var w = await browser.App.WorldAsync("Harbor Cinema", "Hillside Cinema");
        await browser.App.AddCodeAsync(w.HomeId, w.Code("FOCUS"));
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page);
        await page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = w.Home, Url = browser.BaseUrl }]);
        await page.GotoAsync("/diagnose?code=" + w.Code("FOCUS"));
        Assert.Equal(0, await page.Locator(".alert-danger, .error-summary").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "diagnose-00-fresh");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check this code" }).ClickAsync();
        await page.WaitForSelectorAsync("#diagnosis");
        // The focus is set by site.js on load: wait for it, then read where it is.
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        Assert.Equal("diagnosis", await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''"));
        await BrowserFixture.ScreenshotAsync(page, "diagnose-01-focus-on-result");
    }

    [Fact]
    public async Task The_purchase_time_label_names_the_zone_of_the_location_picked()
    {
        var w = await browser.App.WorldAsync("Harbor Cinema", "Hillside Cinema");
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page);
        await page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = w.Home, Url = browser.BaseUrl }]);
        await page.GotoAsync("/diagnose");
        var label = page.Locator("label[for=PurchaseAt]");
        await Expect(label).ToContainTextAsync("America/New_York");
        await page.Locator("#LocationKey").SelectOptionAsync(w.Away);
        await Expect(label).ToContainTextAsync("Europe/London");
    }
}
