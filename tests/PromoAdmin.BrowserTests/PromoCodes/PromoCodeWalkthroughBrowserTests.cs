using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PromoAdmin.Domain.PromoCodes;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.PromoCodes;

/// <summary>
/// A new admin's first walk through the promo codes page, in order, in real Chromium with JavaScript on. It starts from
/// the empty state of a location of its own, and no other location's code may be shared with it meanwhile
/// (<see cref="WholeListCollection"/>).
/// </summary>
[Collection(nameof(WholeListCollection))]
public sealed class PromoCodeWalkthroughBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task A_new_admin_creates_edits_archives_and_unarchives_a_weekends_only_code()
    {
        var place = await browser.App.WorldAsync("Riverside Arcade", "Harbor Point");
        var code = place.Code("WEEKEND");
        var page = await browser.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await browser.SignInAsync(page);

        // The header switcher picks the location to work at.
        await page.GetByLabel("Location", new() { Exact = true }).SelectOptionAsync(place.Home);
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Riverside Arcade");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Promo codes" }).ClickAsync();
        await Expect(page.Locator(".empty-state")).ToContainTextAsync("You have no promo codes.");
        await Expect(page.GetByTestId("total-results")).ToHaveTextAsync("Total results: 0");
        await PromoCodePages.ShotAsync(page, "10-promo-codes-empty");

        // Create a weekends-only code through the form's labels: only the Sat and Sun pills.
        await page.Locator(".page-header").GetByRole(AriaRole.Link, new() { Name = "Create new promo code" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Create new promo code");
        await page.GetByLabel("Promo code", new() { Exact = true }).FillAsync(code);
        await page.GetByLabel("Description").FillAsync("Weekend special: 25% off every game");
        await page.GetByLabel("Redemption type").SelectOptionAsync(new SelectOptionValue { Label = "Percentage discount" });
        await Expect(page.Locator("[data-field=amount] [data-unit=percentage]")).ToBeVisibleAsync();
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("25");
        await Expect(page.GetByLabel("Discount limit")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Credit from overage")).ToBeHiddenAsync();
        // "All games" targets the live built-in group (a game added later qualifies too), not today's games.
        await page.GetByRole(AriaRole.Button, new() { Name = "All games" }).ClickAsync();
        await Expect(page.Locator("[data-field=applicableGroups]").GetByLabel("All games (events)")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-field=applicableGroups]").GetByLabel("All items")).Not.ToBeCheckedAsync();
        var applicableTo = page.Locator("[data-field=applicableTo]");
        await Expect(applicableTo.GetByLabel(place.EventName)).Not.ToBeCheckedAsync();
        await applicableTo.GetByLabel(place.EventName).CheckAsync();
        await Expect(applicableTo.GetByLabel(place.ItemName)).Not.ToBeCheckedAsync();
        var days = page.GetByRole(AriaRole.Group, new() { Name = "Allowed days of the week" });
        await days.GetByText("Sat", new() { Exact = true }).ClickAsync();
        await days.GetByText("Sun", new() { Exact = true }).ClickAsync();
        await Expect(days.GetByLabel("Sat")).ToBeCheckedAsync();
        await Expect(days.GetByLabel("Mon")).Not.ToBeCheckedAsync();
        // "Limited" reveals its number; "Available between dates" reveals (and requires) the dates.
        await Expect(page.GetByLabel("Limited to")).ToBeHiddenAsync();
        await page.GetByText("Limited", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Limited to").FillAsync("500");
        await Expect(page.GetByLabel("Purchase start date")).ToBeHiddenAsync();
        await PromoCodePages.ShotAsync(page, "11-create-weekend-code");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();

        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code {code} created.");
        await Expect(page.GetByTestId("total-results")).ToHaveTextAsync("Total results: 1");
        var row = PromoCodePages.Row(page, code);
        await Expect(row.Locator(".value-amount")).ToHaveTextAsync("25%");
        await Expect(row.Locator(".value-suffix")).ToHaveTextAsync("per line item");
        await Expect(row).ToContainTextAsync("Sat, Sun");
        await Expect(row).ToContainTextAsync("500");
        // The picked game, and the live group of every game.
        await Expect(row.Locator(".scope-badge")).ToHaveTextAsync(["games", "all games"]);
        await row.Locator(".scope-badge").First.HoverAsync();
        await Expect(page.Locator(".tooltip")).ToContainTextAsync(place.EventName);
        await PromoCodePages.ShotAsync(page, "12-promo-codes-list");

        // Edit it from the three-dot menu.
        await PromoCodePages.RowActionAsync(page, code, "Edit promo code");
        await Expect(page.Locator("h1")).ToContainTextAsync("Edit promo code");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Allowed days of the week" }).GetByLabel("Sun")).ToBeCheckedAsync();
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code {code} updated.");
        await Expect(PromoCodePages.Row(page, code).Locator(".value-amount")).ToHaveTextAsync("30%");

        // Bad input shows the field's error and saves nothing.
        await PromoCodePages.RowActionAsync(page, code, "Edit promo code");
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Amount]")).ToHaveTextAsync("A percentage discount cannot be more than 100%.");
        await Expect(page.Locator("[data-error-summary]")).ToContainTextAsync("Nothing was saved");
        await Expect(page.GetByLabel("Amount", new() { Exact = true })).ToHaveValueAsync("150");
        await PromoCodePages.ShotAsync(page, "13-edit-bad-input");
        await using (var scope = browser.App.Db())
            Assert.Equal(30m, (await scope.Context.PromoCodes.SingleAsync(c => c.Code == code)).Amount);
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();

        // Archive (after the confirmation) and find it on the archived tab.
        await PromoCodePages.RowActionAsync(page, code, "Archive promo code");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code {code} archived.");
        await Expect(page.Locator(".empty-state")).ToContainTextAsync("You have no promo codes.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Archived promo codes" }).ClickAsync();
        await Expect(PromoCodePages.Row(page, code)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Bulk actions" })).ToHaveCountAsync(0);
        await page.GetByLabel($"Actions for {code}").ClickAsync();
        await PromoCodePages.ShotAsync(page, "14-archived-tab");

        // Unarchive brings it back.
        await PromoCodePages.Row(page, code).GetByText("Unarchive promo code").ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code {code} unarchived.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Promo codes", Exact = true }).First.ClickAsync();
        await Expect(PromoCodePages.Row(page, code)).ToBeVisibleAsync();
        await using (var scope = browser.App.Db())
        {
            var stored = await scope.Context.PromoCodes.SingleAsync(c => c.Code == code);
            Assert.Equal((false, BookingDays.Sat | BookingDays.Sun, (int?)500), (stored.IsArchived, stored.DaysOfWeek, stored.Inventory.Quantity));
            Assert.Equal(["all-events"], stored.ApplicableGroups);
        }
    }
}
