using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PromoAdmin.Domain.Export;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.PromoCodes;

/// <summary>The promo codes page's other screens in real Chromium: bulk update, CSV, transactions modal, shared codes, groups.</summary>
[Collection(nameof(PromoCodesBrowserCollection))]
public sealed class PromoCodePageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<int> GroupAsync(string name, PromoCodeInput? defaults = null, string? description = null)
    {
        await using var scope = browser.App.Db();
        return (await scope.Services.GetRequiredService<PromoCodeGroupService>().CreateAsync(new PromoCodeGroupInput(name, description, defaults))).Id;
    }

    private async Task<IPage> SignedInAtAsync(Arrange.Place place)
    {
        var page = await browser.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await browser.SignInAsync(page);
        await Arrange.AtAsync(browser, page, place.Home);
        return page;
    }

    [Fact]
    public async Task Bulk_update_changes_the_amount_of_every_code_in_a_group()
    {
        var place = await Arrange.PlaceAsync(browser, "Downtown Fun Center", "Lakeside Lanes");
        var summer = await GroupAsync($"Summer sale {place.Tag}", description: "June to August");
        var staff = await GroupAsync($"Staff perks {place.Tag}", new PromoCodeInput { InternalOnly = true, Amount = 50 });
        await Arrange.CodeAsync(browser, new() { Code = place.Code("SUMMER10"), Description = "Summer kickoff", LocationKey = place.Home.Key, GroupId = summer, Amount = 10,
            ApplicableTo = [place.Event.Key], PurchaseStart = new DateOnly(2027, 6, 1), PurchaseEnd = new DateOnly(2027, 8, 31), Quantity = 250 });
        await Arrange.CodeAsync(browser, new() { Code = place.Code("SUMMER15"), LocationKey = place.Home.Key, GroupId = summer, Amount = 15, ValueType = Domain.PromoCodes.ValueScope.PerTransaction,
            ApplicableTo = [place.Event.Key, place.Item.Key], BookingTimeStart = "10:00", BookingTimeEnd = "16:00" });
        await Arrange.CodeAsync(browser, new() { Code = place.Code("FIVEOFF"), Description = "Five dollars off merch", LocationKey = place.Home.Key, Amount = 5,
            RedemptionType = RedemptionType.Value, ValueType = Domain.PromoCodes.ValueScope.PerQuantity, ApplicableTo = [place.Item.Key, place.GiftCard.Key] });
        await Arrange.CodeAsync(browser, new() { Code = place.Code("STAFF50"), Description = "Team members", LocationKey = place.Home.Key, GroupId = staff, Amount = 50, InternalOnly = true });
        var page = await SignedInAtAsync(place);

        await page.GotoAsync("/promo-codes");
        await Expect(Arrange.Row(page, place.Code("STAFF50"))).ToContainTextAsync("internal only");
        await Arrange.ShotAsync(page, "20-promo-codes-with-data");
        await page.Locator("details.filter-popover > summary").ClickAsync();
        await Arrange.ShotAsync(page, "21-group-filter-popover");

        await page.GetByRole(AriaRole.Link, new() { Name = "Bulk actions" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bulk actions");
        await Expect(page.Locator("[data-field=amount]")).ToBeHiddenAsync();
        await page.GetByLabel($"Summer sale {place.Tag}").CheckAsync();
        await page.Locator("[data-field-picker]").GetByLabel("Amount", new() { Exact = true }).CheckAsync();
        var amount = page.Locator("[data-field=amount]").GetByLabel("Amount", new() { Exact = true });
        await Expect(amount).ToBeVisibleAsync();
        await Expect(page.Locator("[data-field=description]")).ToBeHiddenAsync();
        await amount.FillAsync("20");
        await Arrange.ShotAsync(page, "22-bulk-update");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true }).ClickAsync();

        await Expect(page.Locator(".alert-success")).ToContainTextAsync("2 promo codes updated.");
        await Expect(Arrange.Row(page, place.Code("SUMMER10")).Locator(".value-amount")).ToHaveTextAsync("20%");
        await Expect(Arrange.Row(page, place.Code("SUMMER15")).Locator(".value-amount")).ToHaveTextAsync("20%");
        await Expect(Arrange.Row(page, place.Code("FIVEOFF")).Locator(".value-amount")).ToHaveTextAsync("$5.00");

        // "Add all fields" picks every field at once (and shows them all).
        await page.GetByRole(AriaRole.Link, new() { Name = "Bulk actions" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add all fields" }).ClickAsync();
        await Expect(page.Locator("[data-field-picker] input:checked")).ToHaveCountAsync(15);
        await Expect(page.Locator("[data-field=daysOfWeek]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Download_csv_saves_the_filtered_codes_with_the_seed_header()
    {
        var place = await Arrange.PlaceAsync(browser, "Uptown Bowl", "Midtown Bowl");
        await Arrange.CodeAsync(browser, new() { Code = place.Code("CSVONE"), LocationKey = place.Home.Key, Amount = 10, DaysOfWeek = ["sat", "sun"] });
        await Arrange.CodeAsync(browser, new() { Code = place.Code("OTHER"), LocationKey = place.Home.Key, Amount = 10 });
        var page = await SignedInAtAsync(place);
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
        var place = await Arrange.PlaceAsync(browser, "Eastside Escape", "Westside Escape");
        var code = place.Code("USED");
        var used = await Arrange.CodeAsync(browser, new() { Code = code, Description = "Grand opening", LocationKey = place.Home.Key, Amount = 10, ApplicableTo = [place.Event.Key] });
        await using (var scope = browser.App.Db())
        {
            var now = DateTimeOffset.UtcNow;
            scope.Context.Redemptions.AddRange(
                new Redemption { PromoCodeId = used.Id, CodeText = code, LocationId = place.Home.Id, OrderNumber = $"ORD-1001-{place.Tag}", CustomerKey = "ada",
                    CustomerName = "Ada Lovelace", CustomerEmail = "ada@example.com", CustomerPhone = "+1 555 0100", Discount = 4.5m, Status = RedemptionStatus.Applied, RedeemedAt = now.AddDays(-2) },
                new Redemption { PromoCodeId = used.Id, CodeText = code, LocationId = place.Home.Id, OrderNumber = $"ORD-1002-{place.Tag}", CustomerKey = "grace",
                    CustomerName = "Grace Hopper", CustomerEmail = "grace@example.com", CustomerPhone = "+1 555 0199", Discount = 7.25m, Status = RedemptionStatus.Applied, RedeemedAt = now.AddHours(-3) });
            await scope.Context.SaveChangesAsync();
            await scope.Context.PromoCodeInventory.Where(i => i.PromoCodeId == used.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.TimesUsed, 2));
        }
        var page = await SignedInAtAsync(place);
        await page.GotoAsync("/promo-codes");
        await Arrange.RowActionAsync(page, code, "View associated transactions");
        var modal = page.Locator("#promo-modal");
        await Expect(modal).ToBeVisibleAsync();
        await Expect(modal.Locator(".modal-title")).ToHaveTextAsync($"Associated transactions · {code}");
        await Expect(modal.Locator("tbody tr")).ToHaveCountAsync(2);
        foreach (var text in new[] { "Ada Lovelace", "ada@example.com", "+1 555 0100", $"ORD-1001-{place.Tag}", "Grace Hopper" })
            await Expect(modal).ToContainTextAsync(text);
        Assert.EndsWith("/promo-codes", page.Url);
        await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('#promo-modal .modal-dialog')).transform === 'none'");
        await Arrange.ShotAsync(page, "23-transactions-modal");

        // Copy to other locations opens in the same modal; its form posts like the page's.
        await modal.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(modal).ToBeHiddenAsync();
        await Arrange.RowActionAsync(page, code, "Copy to other locations");
        await Expect(modal.Locator(".modal-title")).ToHaveTextAsync($"Copy {code} to other locations");
        // Once the modal has finished sliding in: a click during the animation was seen not to land on the checkbox.
        await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('#promo-modal .modal-dialog')).transform === 'none'");
        await modal.GetByLabel("Westside Escape").CheckAsync();
        await Arrange.ShotAsync(page, "28-copy-modal");
        await modal.GetByRole(AriaRole.Button, new() { Name = "Copy", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code {code} copied to Westside Escape.");
        await using var check = browser.App.Db();
        Assert.True(await check.Context.PromoCodes.AnyAsync(c => c.Code == code && c.LocationId == place.Away.Id));
    }

    [Fact]
    public async Task A_code_shared_by_another_location_opens_read_only_with_the_banner()
    {
        var place = await Arrange.PlaceAsync(browser, "North Hall", "South Hall");
        var code = place.Code("ALLSITES");
        await Arrange.CodeAsync(browser, new() { Code = code, Description = "Chain-wide holiday deal", LocationKey = place.Away.Key, AllLocations = true, Amount = 12,
            DaysOfWeek = ["fri", "sat"], PurchaseStart = new DateOnly(2027, 12, 1), PurchaseEnd = new DateOnly(2027, 12, 31) });
        var page = await SignedInAtAsync(place);
        await page.GotoAsync("/promo-codes");
        var row = Arrange.Row(page, code);
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
        await Arrange.ShotAsync(page, "24-read-only-shared-code");
    }

    [Fact]
    public async Task A_group_with_default_settings_pre_fills_a_new_code_when_the_toggle_is_switched_on()
    {
        var place = await Arrange.PlaceAsync(browser, "Central Park Games", "Riverfront Games");
        var name = $"Birthday parties {place.Tag}";
        var page = await SignedInAtAsync(place);
        await page.GotoAsync("/promo-codes");
        await page.GetByRole(AriaRole.Link, new() { Name = "Promo code groups" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create new promo code group" }).First.ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.Locator("#Description").FillAsync("Party packages for 6 or more guests");
        var picker = page.Locator("[data-field-picker]");
        await picker.GetByLabel("Amount", new() { Exact = true }).CheckAsync();
        await picker.GetByLabel("Eligibility rules", new() { Exact = true }).CheckAsync();
        await page.Locator("[data-field=amount]").GetByLabel("Amount", new() { Exact = true }).FillAsync("15");
        // Rules are added and removed in place; the remaining ones are renumbered so they still bind.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        var rules = page.Locator("[data-rules] [data-rule]");
        await Expect(rules).ToHaveCountAsync(2);
        await rules.Nth(1).GetByLabel("Minimum quantity (total participants)").FillAsync("6");
        await rules.Nth(0).GetByRole(AriaRole.Button, new() { Name = "Remove rule" }).ClickAsync();
        await Expect(rules).ToHaveCountAsync(1);
        await Expect(page.Locator("input[name='Defaults.EligibilityRules[0].Minimum']")).ToHaveValueAsync("6");
        await Arrange.ShotAsync(page, "25-group-default-settings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();

        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code group {name} created.");
        var groupRow = page.Locator($"tr[data-group='{name}']");
        await Expect(groupRow.Locator(".badge")).ToHaveTextAsync("has default settings");
        await Arrange.ShotAsync(page, "26-promo-code-groups");

        await page.GotoAsync("/promo-codes/create");
        await Expect(page.GetByText("Apply default settings from group")).ToBeHiddenAsync();
        await page.GetByLabel("Promo code", new() { Exact = true }).FillAsync(place.Code("PARTY"));
        await page.GetByLabel("Promo code group").SelectOptionAsync(new SelectOptionValue { Label = $"{name} · has default settings" });
        await Expect(page.GetByText("Apply default settings from group")).ToBeVisibleAsync();
        await page.GetByLabel("Apply default settings from group").CheckAsync();
        await Expect(page.Locator(".alert-info")).ToContainTextAsync($"Default settings from group {name} copied onto the form.");
        await Expect(page.GetByLabel("Amount", new() { Exact = true })).ToHaveValueAsync("15");
        await Expect(page.GetByLabel("Minimum quantity (total participants)")).ToHaveValueAsync("6");
        await Expect(page.GetByLabel("Promo code", new() { Exact = true })).ToHaveValueAsync(place.Code("PARTY"));
        // A Buy X Get Y rule brings the seed's alert.
        await page.GetByLabel("Rule type").SelectOptionAsync(new SelectOptionValue { Label = "Buy X Get Y Rule" });
        await Expect(page.Locator("[data-bxgy-alert]")).ToContainTextAsync("This discount applies in addition to Buy X Get Y rules. Set amount to 0 for rule-based discount only.");
        await page.GetByLabel("Rule type").SelectOptionAsync(new SelectOptionValue { Label = "Minimum Quantity Rule" });
        await Expect(page.Locator("[data-bxgy-alert]")).ToBeHiddenAsync();
        // Applicable to hides while the code is available at all locations.
        await page.GetByLabel("Available at all locations").CheckAsync();
        await Expect(page.Locator("[data-field=applicableTo]")).ToBeHiddenAsync();
        await page.GetByLabel("Available at all locations").UncheckAsync();
        await Expect(page.Locator("[data-field=applicableTo]")).ToBeVisibleAsync();
        await Arrange.ShotAsync(page, "27-create-from-group-defaults");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code {place.Code("PARTY")} created.");

        await using var scope = browser.App.Db();
        var stored = await scope.Context.PromoCodes.Include(c => c.Group).SingleAsync(c => c.Code == place.Code("PARTY"));
        Assert.Equal((15m, name), (stored.Amount, stored.Group!.Name));
        Assert.Equal(6, Assert.Single(stored.EligibilityRules).Minimum);
    }
}
