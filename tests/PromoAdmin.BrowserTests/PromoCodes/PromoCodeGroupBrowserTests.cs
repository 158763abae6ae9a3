using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.PromoCodes;

/// <summary>Promo code groups in real Chromium: default settings, and a new code that takes them.</summary>
public sealed class PromoCodeGroupBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task A_group_with_default_settings_pre_fills_a_new_code_when_the_toggle_is_switched_on()
    {
        var place = await browser.App.WorldAsync("Central Park Games", "Riverfront Games");
        var name = $"Birthday parties {place.Tag}";
        var page = await PromoCodePages.SignedInAtAsync(browser, place);
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
        await PromoCodePages.ShotAsync(page, "25-group-default-settings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();

        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code group {name} created.");
        var groupRow = page.Locator($"tr[data-group='{name}']");
        await Expect(groupRow.Locator(".badge")).ToHaveTextAsync("has default settings");
        await PromoCodePages.ShotAsync(page, "26-promo-code-groups");

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
        // A Buy X Get Y rule brings its alert: the amount adds to the rule's discount.
        await page.GetByLabel("Rule type").SelectOptionAsync(new SelectOptionValue { Label = "Buy X Get Y Rule" });
        await Expect(page.Locator("[data-bxgy-alert]")).ToContainTextAsync("This discount applies in addition to Buy X Get Y rules. Set amount to 0 for rule-based discount only.");
        await page.GetByLabel("Rule type").SelectOptionAsync(new SelectOptionValue { Label = "Minimum Quantity Rule" });
        await Expect(page.Locator("[data-bxgy-alert]")).ToBeHiddenAsync();
        // Applicable to hides while the code is available at all locations.
        await page.GetByLabel("Available at all locations").CheckAsync();
        await Expect(page.Locator("[data-field=applicableTo]")).ToBeHiddenAsync();
        await page.GetByLabel("Available at all locations").UncheckAsync();
        await Expect(page.Locator("[data-field=applicableTo]")).ToBeVisibleAsync();
        await PromoCodePages.ShotAsync(page, "27-create-from-group-defaults");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code {place.Code("PARTY")} created.");

        await using var scope = browser.App.Db();
        var stored = await scope.Context.PromoCodes.Include(c => c.Group).SingleAsync(c => c.Code == place.Code("PARTY"));
        Assert.Equal((15m, name), (stored.Amount, stored.Group!.Name));
        Assert.Equal(6, Assert.Single(stored.EligibilityRules).Minimum);
    }
}
