using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests;

public sealed class SignInBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task Admin_signs_in_through_the_real_page_and_sees_the_shell()
    {
        var tag = TestData.NewTag();
        var (north, south) = ($"north-{tag}", $"south-{tag}");
        await using (var scope = browser.App.Db())
        {
            scope.Context.Locations.AddRange(
                new() { Key = north, Name = "North Hall", TimeZone = "America/New_York" },
                new() { Key = south, Name = "South Hall", TimeZone = "America/Chicago" });
            await scope.Context.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        await BrowserFixture.ScreenshotAsync(page, "01-sign-in");

        await browser.SignInAsync(page);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToContainTextAsync("Promo codes");
        // With no location picked yet, the switcher lists every location by name and works at the first one. Other
        // tests' locations are in the list too, so the first one is read from the page.
        var switcher = page.GetByLabel("Location", new() { Exact = true });
        var options = switcher.Locator("option");
        var names = await options.AllTextContentsAsync();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains(north, await options.EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
        await Expect(switcher).ToHaveValueAsync((await options.First.GetAttributeAsync("value"))!);
        await BrowserFixture.ScreenshotAsync(page, "02-dashboard");

        // The switcher's button moves to the picked location; the choice sticks across pages.
        await page.GetByLabel("Location", new() { Exact = true }).SelectOptionAsync(south);
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("South Hall");
        await page.GotoAsync("/locations");
        await Expect(page.GetByLabel("Location", new() { Exact = true })).ToHaveValueAsync(south);
        await BrowserFixture.ScreenshotAsync(page, "03-locations");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_on_the_page()
    {
        // An account of its own: a failed sign-in of the shared admin would race with other tests' sign-ins (see SignInTests).
        var email = $"wrong-{TestData.NewTag()}@test.promoadmin";
        await browser.App.UserAsync(email, "Right-pass-2026");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Email or password is incorrect.");
    }
}
