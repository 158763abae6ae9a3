using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Web.Features.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.Batches;

/// <summary>Generate Batch in real Chromium against the app with its hosted worker: the progress bar moves, then the codes appear.</summary>
public sealed class BatchBrowserTests(BrowserFixture browser) : BrowserTest
{
    private async Task<(TestWorld World, TestSegment Gold)> PlaceAsync()
    {
        var w = await browser.App.WorldAsync("Downtown Arcade", "Uptown Arcade");
        return (w, await browser.App.SegmentAsync($"Loyalty Gold {w.Tag}", 40));
    }

    private async Task<IPage> SignedInAtAsync(string locationKey)
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page);
        await page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = locationKey, Url = browser.BaseUrl }]);
        return page;
    }

    /// <summary>Moves a batch's progress in the database, as a worker committing a chunk would.</summary>
    private async Task ProgressAsync(int id, int generated, BatchStatus status = BatchStatus.Generating)
    {
        await using var scope = browser.App.Db();
        await scope.Context.Batches.Where(b => b.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.GeneratedCount, generated).SetProperty(b => b.Status, status));
    }

    [Fact]
    public async Task Generate_batch_sits_at_the_top_left_of_the_batch_list_before_the_search()
    {
        var w = await browser.App.WorldAsync("Downtown Arcade", "Uptown Arcade");
        var page = await SignedInAtAsync(w.Home);
        await page.GotoAsync("/batches");
        var button = await page.GetByRole(AriaRole.Link, new() { Name = "Generate Batch" }).BoundingBoxAsync();
        var search = await page.GetByPlaceholder("Batch name").BoundingBoxAsync();
        var card = await page.Locator(".card-table").BoundingBoxAsync();
        await BrowserFixture.ScreenshotAsync(page, "batches-00-generate-top-left");
        // Inside the list's card at its top-left corner (the toolbar's padding away), then the search on the same row.
        Assert.True(button!.X - card!.X < 24 && button.Y - card.Y < 24, $"Button at ({button.X}, {button.Y}), card at ({card.X}, {card.Y}).");
        Assert.True(button.X + button.Width <= search!.X, $"Button ends at {button.X + button.Width}, search starts at {search.X}.");
        Assert.True(Math.Abs(button.Y + button.Height / 2 - (search.Y + search.Height / 2)) < 4, "The button and the search are not on one row.");
    }

    [Fact]
    public async Task The_progress_bar_follows_a_generating_batch_and_the_page_reloads_when_it_is_ready()
    {
        // A batch the test moves itself, chunk by chunk: no job, so the app's worker leaves it alone.
        var (w, _) = await PlaceAsync();
        var name = $"Spring mailer {w.Tag}";
        int id;
        await using (var scope = browser.App.Db())
        {
            var batch = new Batch
            {
                LocationId = w.HomeId, Name = name, Method = GenerationMethod.Count, CodeLength = 10, Status = BatchStatus.Generating, SettingsJson = "{}",
                CreatedAt = DateTimeOffset.UtcNow, RequestedCount = 400_000,
            };
            scope.Context.Batches.Add(batch);
            await scope.Context.SaveChangesAsync();
            id = batch.Id;
        }
        var page = await SignedInAtAsync(w.Home);
        await page.GotoAsync($"/batches/{id}");

        // The page's script polls the progress and moves the bar while we watch.
        var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = $"Progress of batch {name}" });
        var text = page.Locator("[data-progress-text]");
        var seen = new List<int>();
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "0");
        seen.Add(int.Parse((await bar.GetAttributeAsync("aria-valuenow"))!));
        await ProgressAsync(id, 160_000);
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "40", new() { Timeout = 30_000 });
        await Expect(text).ToHaveTextAsync("160,000 of 400,000 codes (40%)");
        seen.Add(int.Parse((await bar.GetAttributeAsync("aria-valuenow"))!));
        await BrowserFixture.ScreenshotAsync(page, "batches-03-generating");
        Assert.True(seen.Any(v => v is > 0 and < 100), $"The bar never showed partial progress: {string.Join(", ", seen)}");
        Assert.Equal(seen.Order(), seen);

        // Complete: the page reloads itself and shows the batch ready, without its bar.
        await ProgressAsync(id, 400_000, BatchStatus.Ready);
        await Expect(page.Locator("[data-progress-status]")).ToHaveTextAsync("Ready", new() { Timeout = 30_000 });
        await Expect(bar).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_generates_a_batch_through_the_form_and_watches_it_complete()
    {
        var (w, _) = await PlaceAsync();
        var tag = w.Tag;
        var page = await SignedInAtAsync(w.Home);
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

        // The batch page says it is generating (its bar has a test of its own, above); the page reloads itself once the
        // worker is done, however long that takes, and shows the codes.
        await Expect(page).ToHaveURLAsync(new Regex(@"/batches/\d+$"));
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("is generating 400,000 codes");
        await Expect(page.Locator("[data-progress-status]")).ToHaveTextAsync("Ready", new() { Timeout = 60_000 });
        await Expect(page.Locator("main")).ToContainTextAsync("400,000 codes");
        var firstCode = page.Locator("tr[data-code-row] .code-name").First;
        await Expect(firstCode).ToHaveTextAsync(new Regex("^FALL-[A-HJ-NP-Z2-9]{10}$"));
        await BrowserFixture.ScreenshotAsync(page, "batches-04-ready");

        // Clone from the batch page: the popover form.
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
        var (w, gold) = await PlaceAsync();
        var tag = w.Tag;
        var page = await SignedInAtAsync(w.Home);
        await page.GotoAsync("/batches/generate");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Target User Segment" }).CheckAsync();
        await page.GetByPlaceholder("Search segments").FillAsync("gold " + tag);
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Target User Segment" }).SelectOptionAsync(new SelectOptionValue { Label = $"Loyalty Gold {tag} (40 customers)" });
        await page.Locator("#Name").FillAsync($"Gold thanks {tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate Batch" }).ClickAsync();
        await Expect(page.Locator("[data-progress-status]")).ToHaveTextAsync("Ready", new() { Timeout = 30_000 });
        await Expect(page.Locator("tr[data-code-row]")).ToHaveCountAsync(25);
        await Expect(page.Locator("tr[data-code-row]").First).ToContainTextAsync(gold.MemberKeyPrefix);
        await BrowserFixture.ScreenshotAsync(page, "batches-08-segment");
    }
}
