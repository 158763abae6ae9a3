using Microsoft.Playwright;
using PromoAdmin.Domain.PromoCodes;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.PromoCodes;

/// <summary>The bulk actions screen in real Chromium: pick the codes and the fields, set them all at once.</summary>
public sealed class BulkUpdateBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task Bulk_update_changes_the_amount_of_every_code_in_a_group()
    {
        var place = await browser.App.WorldAsync("Downtown Fun Center", "Lakeside Lanes");
        var summer = await browser.App.GroupAsync($"Summer sale {place.Tag}", description: "June to August");
        var staff = await browser.App.GroupAsync($"Staff perks {place.Tag}", defaults: new PromoCodeInput { InternalOnly = true, Amount = 50 });
        await browser.App.CodeAsync(new() { Code = place.Code("SUMMER10"), Description = "Summer kickoff", LocationKey = place.Home, GroupId = summer, Amount = 10,
            ApplicableTo = [place.EventKey], PurchaseStart = new DateOnly(2027, 6, 1), PurchaseEnd = new DateOnly(2027, 8, 31), Quantity = 250 });
        await browser.App.CodeAsync(new() { Code = place.Code("SUMMER15"), LocationKey = place.Home, GroupId = summer, Amount = 15, ValueType = Domain.PromoCodes.ValueScope.PerTransaction,
            ApplicableTo = [place.EventKey, place.ItemKey], BookingTimeStart = "10:00", BookingTimeEnd = "16:00" });
        await browser.App.CodeAsync(new() { Code = place.Code("FIVEOFF"), Description = "Five dollars off merch", LocationKey = place.Home, Amount = 5,
            RedemptionType = RedemptionType.Value, ValueType = Domain.PromoCodes.ValueScope.PerQuantity, ApplicableTo = [place.ItemKey, place.GiftKey], IncludeGiftCards = true });
        await browser.App.CodeAsync(new() { Code = place.Code("STAFF50"), Description = "Team members", LocationKey = place.Home, GroupId = staff, Amount = 50, InternalOnly = true });
        var page = await PromoCodePages.SignedInAtAsync(browser, place);

        await page.GotoAsync("/promo-codes");
        await Expect(PromoCodePages.Row(page, place.Code("STAFF50"))).ToContainTextAsync("internal only");
        await PromoCodePages.ShotAsync(page, "20-promo-codes-with-data");
        await page.Locator("details.filter-popover > summary").ClickAsync();
        await PromoCodePages.ShotAsync(page, "21-group-filter-popover");

        await page.GetByRole(AriaRole.Link, new() { Name = "Bulk actions" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bulk actions");
        await Expect(page.Locator("[data-field=amount]")).ToBeHiddenAsync();
        await page.GetByLabel($"Summer sale {place.Tag}").CheckAsync();
        await page.Locator("[data-field-picker]").GetByLabel("Amount", new() { Exact = true }).CheckAsync();
        var amount = page.Locator("[data-field=amount]").GetByLabel("Amount", new() { Exact = true });
        await Expect(amount).ToBeVisibleAsync();
        await Expect(page.Locator("[data-field=description]")).ToBeHiddenAsync();
        await amount.FillAsync("20");
        await PromoCodePages.ShotAsync(page, "22-bulk-update");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true }).ClickAsync();

        await Expect(page.Locator(".alert-success")).ToContainTextAsync("2 promo codes updated.");
        await Expect(PromoCodePages.Row(page, place.Code("SUMMER10")).Locator(".value-amount")).ToHaveTextAsync("20%");
        await Expect(PromoCodePages.Row(page, place.Code("SUMMER15")).Locator(".value-amount")).ToHaveTextAsync("20%");
        await Expect(PromoCodePages.Row(page, place.Code("FIVEOFF")).Locator(".value-amount")).ToHaveTextAsync("$5.00");

        // "Add all fields" picks every field at once (and shows them all).
        await page.GetByRole(AriaRole.Link, new() { Name = "Bulk actions" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add all fields" }).ClickAsync();
        await Expect(page.Locator("[data-field-picker] input:checked")).ToHaveCountAsync(22);
        await Expect(page.Locator("[data-field=daysOfWeek]")).ToBeVisibleAsync();

        // A quick-add sets Applicable groups (and for gift cards the switch): the picker picks and shows what it set.
        await page.GotoAsync("/promo-codes/bulk-update");
        await page.Locator("[data-field-picker]").GetByLabel("Applicable to", new() { Exact = true }).CheckAsync();
        await Expect(page.Locator("[data-field=applicableGroups]")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "All gift card types" }).ClickAsync();
        await Expect(page.Locator("[data-field=applicableGroups]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-field=applicableGroups]").GetByLabel("All gift card types")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-field=includeGiftCards]").GetByLabel("Applies to gift cards")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-field-picker]").GetByLabel("Applicable groups", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.Locator("[data-field-picker]").GetByLabel("Applies to gift cards", new() { Exact = true })).ToBeCheckedAsync();
        await PromoCodePages.ShotAsync(page, "23-bulk-quick-add-gift-cards");
    }

    [Fact]
    public async Task Turning_on_apply_default_settings_from_group_disables_the_field_picker()
    {
        var place = await browser.App.WorldAsync("Harbor Bowl", "Hilltop Karts");
        var summer = await browser.App.GroupAsync($"Summer nights {place.Tag}", defaults: new PromoCodeInput { Amount = 30 });
        var staff = await browser.App.GroupAsync($"Crew perks {place.Tag}", defaults: new PromoCodeInput { Amount = 50, InternalOnly = true });
        await browser.App.CodeAsync(new() { Code = place.Code("NIGHTS"), LocationKey = place.Home, GroupId = summer, Amount = 5 });
        await browser.App.CodeAsync(new() { Code = place.Code("CREW"), LocationKey = place.Home, GroupId = staff, Amount = 5 });
        var page = await PromoCodePages.SignedInAtAsync(browser, place);

        await page.GotoAsync("/promo-codes/bulk-update");
        var picker = page.Locator("[data-field-picker]");
        var pickAmount = picker.GetByLabel("Amount", new() { Exact = true });
        await pickAmount.CheckAsync();
        await Expect(page.Locator("[data-field=amount]")).ToBeVisibleAsync();
        await page.GetByLabel($"Summer nights {place.Tag}").CheckAsync();
        await page.GetByLabel($"Crew perks {place.Tag}").CheckAsync();

        var toggle = page.GetByLabel("Apply default settings from group");
        await toggle.CheckAsync();
        await Expect(pickAmount).ToBeDisabledAsync();
        await Expect(picker.GetByRole(AriaRole.Button, new() { Name = "Add all fields" })).ToBeDisabledAsync();
        await Expect(page.Locator("[data-field=amount]")).ToBeHiddenAsync();
        await PromoCodePages.ShotAsync(page, "29-bulk-apply-group-defaults");

        // The toggle belongs to the group selection: picking codes one by one hides it and gives the picker back.
        await page.Locator("#Selection_Codes").CheckAsync();
        await Expect(toggle).ToBeHiddenAsync();
        await Expect(pickAmount).ToBeEnabledAsync();
        await page.Locator("#Selection_Groups").CheckAsync();
        await Expect(pickAmount).ToBeDisabledAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("2 promo codes updated.");
        await Expect(PromoCodePages.Row(page, place.Code("NIGHTS")).Locator(".value-amount")).ToHaveTextAsync("30%");
        await Expect(PromoCodePages.Row(page, place.Code("CREW")).Locator(".value-amount")).ToHaveTextAsync("50%");
        await Expect(PromoCodePages.Row(page, place.Code("CREW"))).ToContainTextAsync("internal only");
    }

    [Fact]
    public async Task Typing_in_the_code_picker_finds_a_code_the_page_did_not_list_and_picks_it()
    {
        var place = await browser.App.WorldAsync("Downtown Fun Center", "Lakeside Lanes");
        var summer = place.Code("SUMMER10");
        await browser.App.CodeAsync(new() { Code = summer, Description = "Summer kickoff", LocationKey = place.Home, Amount = 10 });
        // More newer codes than the picker renders: SUMMER10 is found only by the server's search.
        for (var i = 0; i <= SettingOptionsService.NewestCodeOptions; i++)
            await browser.App.CodeAsync(new() { Code = place.Code($"NEWER{i}"), LocationKey = place.Home, Amount = 5 });
        var page = await PromoCodePages.SignedInAtAsync(browser, place);

        await page.GotoAsync("/promo-codes/bulk-update");
        await page.GetByLabel("Individual promo codes").CheckAsync();
        var picker = page.GetByRole(AriaRole.Group, new() { Name = "Individual promo codes" });
        await Expect(picker.GetByLabel(summer)).ToHaveCountAsync(0);
        await picker.GetByLabel("Search promo codes").FillAsync("SUMM");
        await picker.GetByLabel(summer).CheckAsync();
        await Expect(picker.GetByLabel(place.Code("NEWER0"))).ToBeHiddenAsync();
        await PromoCodePages.ShotAsync(page, "23-bulk-update-code-search");

        await page.Locator("[data-field-picker]").GetByLabel("Amount", new() { Exact = true }).CheckAsync();
        await page.Locator("[data-field=amount]").GetByLabel("Amount", new() { Exact = true }).FillAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("1 promo code updated.");
        await Expect(PromoCodePages.Row(page, summer).Locator(".value-amount")).ToHaveTextAsync("25%");
        await Expect(PromoCodePages.Row(page, place.Code("NEWER0")).Locator(".value-amount")).ToHaveTextAsync("5%");
    }
}
