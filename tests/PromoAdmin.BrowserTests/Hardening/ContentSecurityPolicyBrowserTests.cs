using PromoAdmin.BrowserTests.PromoCodes;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.Hardening;

/// <summary>
/// The Content-Security-Policy in a real browser: every page loads and works with scripts and styles from the app only,
/// and Chromium reports no violation (docs/errors.md).
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task Every_page_loads_under_the_policy_without_a_violation_and_its_scripts_run()
    {
        var place = await browser.App.WorldAsync("Policy Downtown", "Policy Harbor");
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add($"{page.Url}: {m.Text}");
        };
        await browser.SignInAsync(page);
        await PromoCodePages.AtAsync(browser, page, place.Home);
        foreach (var path in new[] { "/", "/promo-codes", "/promo-codes/create", "/promo-codes/bulk-update", "/batches", "/batches/generate",
                     "/promo-code-groups", "/catalog", "/customers", "/campaigns", "/locations", "/api-clients", "/diagnose", "/redemptions", "/reports", "/no-such-page" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Headers.ContainsKey("content-security-policy"), path);
            await Expect(page.Locator("main")).ToBeVisibleAsync();
        }

        // The browsable API docs (Swagger UI) draw the operations under the same policy.
        await page.GotoAsync("/api/docs/index.html");
        await Expect(page.Locator(".swagger-ui .opblock").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The scripts in files run: the batch form shows only the picked method's field.
        await page.GotoAsync("/batches/generate");
        await page.Locator("#method-segment").CheckAsync();
        await Expect(page.Locator("[data-method='Count']")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-method='Segment']")).ToBeVisibleAsync();

        // The error page of a failed form post renders in the layout.
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => { const f = document.createElement('form'); f.method = 'post'; f.action = '/locations/save'; document.body.append(f); f.submit(); }");
        await Expect(page.Locator("main")).ToContainTextAsync("This form expired, reload and try again");
        await BrowserFixture.ScreenshotAsync(page, "hardening-01-expired-form");
        Assert.Empty(violations);
    }
}
