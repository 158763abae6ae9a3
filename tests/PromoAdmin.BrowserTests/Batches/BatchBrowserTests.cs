using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PromoAdmin.Domain.Customers;
using Location = PromoAdmin.Domain.Locations.Location;
using PromoAdmin.Web.Features.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.Batches;

/// <summary>Generate Batch in real Chromium against the app with its hosted worker: the progress bar moves, then the codes appear.</summary>
public sealed class BatchBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<(Location Home, string Tag)> PlaceAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        await using var scope = browser.App.Db();
        var home = new Location { Key = $"arcade-{tag}", Name = "Downtown Arcade", TimeZone = "America/New_York" };
        scope.Context.Locations.Add(home);
        var customers = Enumerable.Range(1, 40).Select(i => new Customer { Key = $"member-{tag}-{i}", Name = $"Member {i}", Email = $"m{i}@example.com" }).ToList();
        var segment = new Segment { Name = $"Loyalty Gold {tag}" };
        segment.Members.AddRange(customers.Select(c => new SegmentMember { Customer = c }));
        scope.Context.Segments.Add(segment);
        await scope.Context.SaveChangesAsync();
        return (home, tag);
    }

    private async Task<IPage> SignedInAtAsync(Location location)
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page);
        await page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = location.Key, Url = browser.BaseUrl }]);
        return page;
    }

    [Fact]
    public async Task An_admin_generates_a_batch_through_the_form_and_watches_it_complete()
    {
        var (home, tag) = await PlaceAsync();
        var page = await SignedInAtAsync(home);
        await page.GotoAsync("/batches");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Promo code batches" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "batches-01-empty-list");

        await page.GetByRole(AriaRole.Link, new() { Name = "Generate Batch" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Number of Codes" })).ToBeCheckedAsync();
        // The segment picker shows only for the segment method (JavaScript); the count field only for the count method.
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Target User Segment" })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Target User Segment" }).CheckAsync();
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Target User Segment" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Spinbutton, new() { Name = "Number of Codes" })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Number of Codes" }).CheckAsync();

        await page.GetByRole(AriaRole.Spinbutton, new() { Name = "Number of Codes" }).FillAsync("400000");
        await page.GetByLabel("Number of Characters in Code").FillAsync("10");
        await page.GetByLabel("Prefix (optional)").FillAsync("FALL-");
        await page.Locator("#Name").FillAsync($"Fall mailer {tag}");
        await page.GetByLabel("Display", new() { Exact = true }).FillAsync("15% off your visit");
        await page.Locator("#Settings_Amount").FillAsync("15");
        await BrowserFixture.ScreenshotAsync(page, "batches-02-generate-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate Batch" }).ClickAsync();

        // The batch page: generating, with a progress bar the page's script moves while we watch.
        await Expect(page).ToHaveURLAsync(new Regex(@"/batches/\d+$"));
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("is generating 400,000 codes");
        var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = $"Progress of batch Fall mailer {tag}" });
        var seen = new List<int>();
        for (var i = 0; i < 600 && await bar.CountAsync() > 0; i++)
        {
            if (int.TryParse(await bar.GetAttributeAsync("aria-valuenow", new() { Timeout = 1000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null), out var v)
                && (seen.Count == 0 || seen[^1] != v))
            {
                seen.Add(v);
                if (v > 0 && v < 100 && seen.Count(x => x > 0) == 1) await BrowserFixture.ScreenshotAsync(page, "batches-03-generating");
            }
            await page.WaitForTimeoutAsync(100);
        }
        Assert.True(seen.Any(v => v is > 0 and < 100), $"The bar never showed partial progress: {string.Join(", ", seen)}");
        Assert.Equal(seen.Order(), seen);

        // Complete: the page reloads itself and shows the codes.
        await Expect(page.Locator("[data-progress-status]")).ToHaveTextAsync("Ready", new() { Timeout = 60_000 });
        await Expect(page.Locator("main")).ToContainTextAsync("400,000 codes");
        var firstCode = page.Locator("tr[data-code-row] .code-name").First;
        await Expect(firstCode).ToHaveTextAsync(new Regex("^FALL-[A-HJ-NP-Z2-9]{10}$"));
        await BrowserFixture.ScreenshotAsync(page, "batches-04-ready");

        // Clone from the batch page: the popover form, in the seed's words.
        await page.Locator("tr[data-code-row]").First.GetByText("Clone", new() { Exact = true }).ClickAsync();
        await page.Locator("tr[data-code-row]").First.GetByLabel(new Regex("Number of codes with the exact rules")).FillAsync("3");
        await BrowserFixture.ScreenshotAsync(page, "batches-05-clone");
        await page.Locator("tr[data-code-row]").First.GetByRole(AriaRole.Button, new() { Name = "Generate Promo Codes" }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Generated 3 promo codes");

        // The list: name, created at, count, status and the actions.
        await page.GotoAsync("/batches");
        var row = page.Locator("tr[data-batch-row]").Filter(new() { HasText = $"Fall mailer {tag}" });
        await Expect(row).ToContainTextAsync("400,003");
        await Expect(row.Locator("[data-progress-status]")).ToHaveTextAsync("Ready");
        foreach (var action in new[] { "Show List", "Modify Inventory", "Export to CSV", "Delete" })
            await Expect(row.GetByRole(AriaRole.Link, new() { Name = action })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "batches-06-list");

        // Case-sensitive search.
        await page.GetByLabel("Batch name").FillAsync("fall mailer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator(".empty-state")).ToContainTextAsync("Search is case sensitive");
        await page.GetByLabel("Batch name").FillAsync("Fall mailer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("tr[data-batch-row]")).ToHaveCountAsync(1);

        // Modify inventory, with its confirmation step.
        await row.GetByRole(AriaRole.Link, new() { Name = "Modify Inventory" }).ClickAsync();
        await page.GetByLabel("Set", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Inventory Amount").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Modify" }).ClickAsync();
        await Expect(page.GetByTestId("inventory-confirmation")).ToContainTextAsync("Set the inventory of all 400,003 codes to 2");
        await BrowserFixture.ScreenshotAsync(page, "batches-07-inventory-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and modify" }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Inventory set to 2 on 400,003 codes");
        await using var scope = browser.App.Db();
        Assert.False(await scope.Context.PromoCodes.AnyAsync(c => c.Batch!.Name == $"Fall mailer {tag}" && c.Inventory.Quantity != 2));
    }

    [Fact]
    public async Task A_segment_batch_generates_one_code_per_member()
    {
        var (home, tag) = await PlaceAsync();
        var page = await SignedInAtAsync(home);
        await page.GotoAsync("/batches/generate");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Target User Segment" }).CheckAsync();
        await page.GetByPlaceholder("Search segments").FillAsync("gold " + tag);
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Target User Segment" }).SelectOptionAsync(new SelectOptionValue { Label = $"Loyalty Gold {tag} (40 customers)" });
        await page.Locator("#Name").FillAsync($"Gold thanks {tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate Batch" }).ClickAsync();
        await Expect(page.Locator("[data-progress-status]")).ToHaveTextAsync("Ready", new() { Timeout = 30_000 });
        await Expect(page.Locator("tr[data-code-row]")).ToHaveCountAsync(25);
        await Expect(page.Locator("tr[data-code-row]").First).ToContainTextAsync($"member-{tag}-");
        await BrowserFixture.ScreenshotAsync(page, "batches-08-segment");
    }
}
