using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.ApiDocs;

/// <summary>The browsable API docs (/api/docs) work signed out: a reader enters an API key and "try it out" calls the API with it.</summary>
public sealed class ApiDocsBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task Signed_out_a_reader_authorizes_the_docs_page_with_an_api_key_and_a_call_answers_200()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(m.Text);
        };
        await page.GotoAsync("/api/docs/index.html");
        await Expect(page.Locator(".swagger-ui .opblock").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await page.Locator(".swagger-ui .auth-wrapper .authorize").ClickAsync();
        var dialog = page.Locator(".swagger-ui .dialog-ux");
        await dialog.Locator("input").FillAsync(PromoAdminFactory.ApiKey);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply credentials" }).Or(dialog.Locator("button.authorize")).First.ClickAsync();
        await dialog.Locator("button.btn-done").ClickAsync();

        var ping = page.Locator("#operations-Checkout-Checkout_Ping");
        await ping.Locator(".opblock-summary").ClickAsync();
        await ping.Locator("button.execute").ClickAsync();
        var status = ping.Locator(".live-responses-table .response .response-col_status");
        await Expect(status).ToHaveTextAsync("200", new() { Timeout = 15_000 });
        await Expect(ping.Locator(".live-responses-table .response .response-col_description")).ToContainTextAsync("\"ok\": true");
        await BrowserFixture.ScreenshotAsync(page, "api-docs-01-try-it-with-a-key");
        await ping.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "api-docs-02-ping-answered.png") });
        Assert.Empty(violations);
    }
}
