using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PromoAdmin.Domain.Export;
using PromoAdmin.Domain.Redemptions;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.PromoCodes;

/// <summary>The promo codes list in real Chromium: the filtered CSV download, and the modal a row's actions open.</summary>
public sealed class PromoCodeListBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task Download_csv_saves_the_filtered_codes_with_the_documented_header()
    {
        var place = await browser.App.WorldAsync("Uptown Bowl", "Midtown Bowl");
        await browser.App.CodeAsync(new() { Code = place.Code("CSVONE"), LocationKey = place.Home, Amount = 10, DaysOfWeek = ["sat", "sun"] });
        await browser.App.CodeAsync(new() { Code = place.Code("OTHER"), LocationKey = place.Home, Amount = 10 });
        var page = await PromoCodePages.SignedInAtAsync(browser, place);
        await page.GotoAsync("/promo-codes");
        await page.GetByLabel("Promo code", new() { Exact = true }).FillAsync(place.Code("CSVONE"));
        await page.GetByLabel("Promo code", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.GetByTestId("total-results")).ToHaveTextAsync("Total results: 1");
        Assert.Contains("code=", page.Url);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByLabel("Download CSV").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync(await download.PathAsync())).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(',', PromoCodeCsv.Header), lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(place.Code("CSVONE") + ",", lines[1]);
    }

    [Fact]
    public async Task The_transactions_modal_lists_the_orders_of_a_used_code()
    {
        var place = await browser.App.WorldAsync("Eastside Escape", "Westside Escape");
        var code = place.Code("USED");
        var used = await browser.App.CodeAsync(new() { Code = code, Description = "Grand opening", LocationKey = place.Home, Amount = 10, ApplicableTo = [place.EventKey] });
        await using (var scope = browser.App.Db())
        {
            var now = DateTimeOffset.UtcNow;
            scope.Context.Redemptions.AddRange(
                new Redemption { PromoCodeId = used.Id, CodeText = code, LocationId = place.HomeId, OrderNumber = $"ORD-1001-{place.Tag}", CustomerKey = "ada",
                    CustomerName = "Ada Lovelace", CustomerEmail = "ada@example.com", CustomerPhone = "+1 555 0100", Discount = 4.5m, Status = RedemptionStatus.Applied, RedeemedAt = now.AddDays(-2) },
                new Redemption { PromoCodeId = used.Id, CodeText = code, LocationId = place.HomeId, OrderNumber = $"ORD-1002-{place.Tag}", CustomerKey = "grace",
                    CustomerName = "Grace Hopper", CustomerEmail = "grace@example.com", CustomerPhone = "+1 555 0199", Discount = 7.25m, Status = RedemptionStatus.Applied, RedeemedAt = now.AddHours(-3) });
            await scope.Context.SaveChangesAsync();
            await scope.Context.PromoCodeInventory.Where(i => i.PromoCodeId == used.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.TimesUsed, 2));
        }
        var page = await PromoCodePages.SignedInAtAsync(browser, place);
        await page.GotoAsync("/promo-codes");
        await PromoCodePages.RowActionAsync(page, code, "View associated transactions");
        var modal = page.Locator("#promo-modal");
        await Expect(modal).ToBeVisibleAsync();
        await Expect(modal.Locator(".modal-title")).ToHaveTextAsync($"Associated transactions · {code}");
        await Expect(modal.Locator("tbody tr")).ToHaveCountAsync(2);
        foreach (var text in new[] { "Ada Lovelace", "ada@example.com", "+1 555 0100", $"ORD-1001-{place.Tag}", "Grace Hopper" })
            await Expect(modal).ToContainTextAsync(text);
        Assert.EndsWith("/promo-codes", page.Url);
        await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('#promo-modal .modal-dialog')).transform === 'none'");
        await PromoCodePages.ShotAsync(page, "23-transactions-modal");

        // Copy to other locations opens in the same modal; its form posts like the page's.
        await modal.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(modal).ToBeHiddenAsync();
        await PromoCodePages.RowActionAsync(page, code, "Copy to other locations");
        await Expect(modal.Locator(".modal-title")).ToHaveTextAsync($"Copy {code} to other locations");
        // Once the modal has finished sliding in: a click during the animation was seen not to land on the checkbox.
        await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('#promo-modal .modal-dialog')).transform === 'none'");
        await modal.GetByLabel("Westside Escape").CheckAsync();
        await PromoCodePages.ShotAsync(page, "28-copy-modal");
        await modal.GetByRole(AriaRole.Button, new() { Name = "Copy", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code {code} copied to Westside Escape.");
        await using var check = browser.App.Db();
        Assert.True(await check.Context.PromoCodes.AnyAsync(c => c.Code == code && c.LocationId == place.AwayId));
    }
}
