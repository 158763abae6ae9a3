using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.PromoCodes;

/// <summary>A code another location shares with all locations, in real Chromium: listed, and read-only.</summary>
[Collection(nameof(WholeListCollection))]
public sealed class SharedCodeBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task A_code_shared_by_another_location_opens_read_only_with_the_banner()
    {
        var place = await browser.App.WorldAsync("North Hall", "South Hall");
        var code = place.Code("ALLSITES");
        var shared = await browser.App.CodeAsync(new() { Code = code, Description = "Chain-wide holiday deal", LocationKey = place.Away, AllLocations = true, Amount = 12,
            DaysOfWeek = ["fri", "sat"], PurchaseStart = new DateOnly(2027, 12, 1), PurchaseEnd = new DateOnly(2027, 12, 31) });
        try
        {
            var page = await PromoCodePages.SignedInAtAsync(browser, place);
            await page.GotoAsync("/promo-codes");
            var row = PromoCodePages.Row(page, code);
            await Expect(row).ToContainTextAsync("Shared from South Hall");
            await Expect(row).ToContainTextAsync("all locations");
            await page.GetByLabel($"Actions for {code}").ClickAsync();
            await Expect(row.Locator(".row-menu-panel")).Not.ToContainTextAsync("Edit promo code");
            await Expect(row.Locator(".row-menu-panel")).Not.ToContainTextAsync("Archive promo code");
            await row.GetByText("View promo code").ClickAsync();

            await Expect(page.GetByTestId("read-only-banner")).ToHaveTextAsync("This promo code was created at South Hall. You can view but not edit it.");
            await Expect(page.GetByLabel("Promo code", new() { Exact = true })).ToBeDisabledAsync();
            await Expect(page.GetByLabel("Promo code", new() { Exact = true })).ToHaveValueAsync(code);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Update" })).ToHaveCountAsync(0);
            await PromoCodePages.ShotAsync(page, "24-read-only-shared-code");
        }
        finally
        {
            // An all-locations code is listed at every location: it goes before the next test of the collection, whose
            // lists it would otherwise join (the walkthrough starts from an empty list).
            await using var scope = browser.App.Db();
            await scope.Context.PromoCodes.Where(c => c.Id == shared.Id).ExecuteDeleteAsync();
        }
    }
}
