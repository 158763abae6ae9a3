using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.ApiClients;

/// <summary>An admin creates an API client, copies the key shown once, and finds it gone after a refresh.</summary>
public sealed class ApiClientBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task The_copy_button_puts_the_new_key_on_the_clipboard_and_announces_copied()
    {
        var name = "Kiosk " + TestData.NewTag();
        var page = await browser.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await browser.SignInAsync(page);
        await page.GotoAsync("/api-clients");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create API client" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/api-clients/\\d+/created$"));
        var key = page.GetByLabel("Key");
        await Expect(key).ToHaveJSPropertyAsync("readOnly", true);
        var value = await key.InputValueAsync();
        Assert.StartsWith("pa_", value, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        var status = page.GetByTestId("copy-status");
        await Expect(status).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(status).ToHaveTextAsync("Copied");
        Assert.Equal(value, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await page.Mouse.MoveAsync(0, 0);
        await BrowserFixture.ScreenshotAsync(page, "api-clients-01-key-copied");

        await page.ReloadAsync();
        await Expect(page.GetByTestId("key-gone")).ToContainTextAsync("cannot be shown again");
        await Expect(page.GetByTestId("new-api-key")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "api-clients-02-key-gone");
    }
}
