using Microsoft.Playwright;
using PromoAdmin.Web.Features.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.Accessibility;

/// <summary>The keyboard's way through the layout (docs/rules.md#accessibility): the skip link and the location switcher.</summary>
public sealed class KeyboardBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task The_first_Tab_shows_the_skip_link_and_Enter_moves_the_focus_to_the_main_content()
    {
        var w = await browser.App.WorldAsync();
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page);
        await page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = w.Home, Url = browser.BaseUrl }]);
        await page.GotoAsync("/promo-codes");

        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        Assert.True((await skip.BoundingBoxAsync())!.Width <= 1, "The skip link shows before it has the focus.");
        await page.Keyboard.PressAsync("Tab");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is { Width: > 50, Height: > 20 }, $"The focused skip link is {box?.Width} x {box?.Height}.");
        await BrowserFixture.ScreenshotAsync(page, "a11y-01-skip-link");

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        // The next Tab goes on from the main content: its first control, not the header's.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"));
    }

    [Fact]
    public async Task Picking_a_location_does_not_leave_the_page_until_Switch_is_pressed()
    {
        var w = await browser.App.WorldAsync($"North {TestData.NewTag()}", $"South {TestData.NewTag()}");
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page);
        await page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = w.Home, Url = browser.BaseUrl }]);
        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync(w.HomeName);

        // Counts any submit, by event or by script, instead of letting it leave: a change handler runs within SelectOption.
        await page.EvaluateAsync("""
            () => {
                window.submits = 0;
                document.addEventListener('submit', (e) => { window.submits++; e.preventDefault(); }, true);
                HTMLFormElement.prototype.submit = function () { window.submits++; };
            }
            """);
        await page.GetByLabel("Location", new() { Exact = true }).SelectOptionAsync(w.Away);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.submits"));

        await page.ReloadAsync();
        await page.GetByLabel("Location", new() { Exact = true }).SelectOptionAsync(w.Away);
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(w.AwayName);
    }
}
