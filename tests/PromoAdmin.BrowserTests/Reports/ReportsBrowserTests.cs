using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Reports;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.BrowserTests.Reports;

/// <summary>
/// The Reports page and the dashboard's trend in real Chromium (docs/rules.md#reports): every chart drew something of a
/// size, and each chart's table holds the numbers the API gives; screenshots on a desktop and a phone.
/// </summary>
public sealed class ReportsBrowserTests(BrowserFixture browser) : BrowserTest
{
    private static DateOnly Today => PromoCodeStatus.Today(DateTimeOffset.UtcNow, "America/New_York"); // the home location's zone

    /// <summary>Two weeks of redemptions of a few codes (one of a batch), refusals of three kinds, a code ending soon and one running low.</summary>
    private async Task<TestWorld> ActivityAsync()
    {
        var app = browser.App;
        var w = await app.WorldAsync("Harbor Cinema", "Hillside Cinema");
        int batchId;
        await using (var scope = app.Db())
        {
            var batch = new Batch { LocationId = w.HomeId, Name = $"Spring mailer {w.Tag}", SettingsJson = "{}", Status = BatchStatus.Ready, RequestedCount = 4, GeneratedCount = 4, CreatedAt = DateTimeOffset.UtcNow };
            scope.Context.Batches.Add(batch);
            await scope.Context.SaveChangesAsync();
            batchId = batch.Id;
        }
        var codes = new[]
        {
            await app.AddCodeAsync(w.HomeId, w.Code("MOVIENIGHT"), c => c.Amount = 10),
            await app.AddCodeAsync(w.HomeId, w.Code("POPCORN"), c => c.Amount = 25),
            await app.AddCodeAsync(w.HomeId, w.Code("MATINEE"), c => c.Amount = 50),
            await app.AddCodeAsync(w.HomeId, w.Code("SPRING1"), c => { c.Amount = 15; c.BatchId = batchId; }),
        };
        await app.AddCodeAsync(w.HomeId, w.Code("SPRING2"), c => { c.Amount = 15; c.BatchId = batchId; });
        var off = await app.AddCodeAsync(w.HomeId, w.Code("OLDPROMO"), c => { c.Amount = 10; c.Enabled = false; });
        var used = await app.AddCodeAsync(w.HomeId, w.Code("USEDUP"), c => { c.Amount = 10; c.Inventory = new() { Quantity = 0, TimesUsed = 5 }; });
        await app.AddCodeAsync(w.HomeId, w.Code("LASTCALL"), c => { c.Amount = 5; c.PurchaseEnd = Today.AddDays(3); });
        await app.AddCodeAsync(w.HomeId, w.Code("FEWLEFT"), c => { c.Amount = 5; c.Inventory = new() { Quantity = 2, TimesUsed = 48 }; });

        using var api = Api();
        var ids = new List<long>();
        for (var i = 0; i < 24; i++)
        {
            var response = await api.PostAsJsonAsync("/api/v1/checkout/redeem", new
            {
                code = codes[i % codes.Length].Code, locationKey = w.Home, orderNumber = $"ORD-{w.Tag}-{i}",
                lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m + i * 3, quantity = 1 } },
            });
            response.EnsureSuccessStatusCode();
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redemptionId").GetInt64());
        }
        foreach (var code in new[] { off.Code, off.Code, used.Code, w.Code("NOSUCH"), w.Code("NOSUCH2"), off.Code })
            (await api.PostAsJsonAsync("/api/v1/checkout/validate", new
            {
                code, locationKey = w.Home, lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 10m, quantity = 1 } },
            })).EnsureSuccessStatusCode();
        await app.Services.GetRequiredService<ValidationCountWriter>().FlushAsync();
        // Spread over the last two weeks, as days of trade would be: the reports read each redemption's day and each counter's.
        await using (var scope = app.Db())
        {
            for (var i = 0; i < ids.Count; i++)
            {
                var id = ids[i];
                var day = Today.AddDays(-(i * 5 % 23));
                await scope.Context.Redemptions.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Day, day));
            }
            var counters = await scope.Context.ValidationCounts.Where(c => c.LocationId == w.HomeId).ToListAsync();
            for (var i = 0; i < counters.Count; i++) scope.Context.ValidationCounts.Add(new() { LocationId = w.HomeId, Day = Today.AddDays(-3 - i), Outcome = counters[i].Outcome, PromoCodeId = counters[i].PromoCodeId, Count = 2 + i });
            await scope.Context.SaveChangesAsync();
        }
        return w;
    }

    /// <summary>The API on the served app with the test key (the app here listens on Kestrel, not the in-memory server).</summary>
    private HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", PromoAdminFactory.ApiKey);
        return client;
    }

    private async Task<JsonElement> ApiAsync(string report, TestWorld w) =>
        await (await Api().GetAsync($"/api/v1/reports/{report}?locationKey={w.Home}")).Content.ReadFromJsonAsync<JsonElement>();

    private async Task<IPage> SignedInAsync(TestWorld w, int width)
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(width, 900);
        await browser.SignInAsync(page);
        await page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = w.Home, Url = browser.BaseUrl }]);
        return page;
    }

    /// <summary>The drawn marks of each chart on the page whose box has a width and a height, by chart id.</summary>
    private static async Task<Dictionary<string, int>> DrawnAsync(IPage page) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(await page.EvaluateAsync<string>("""
            () => JSON.stringify(Object.fromEntries([...document.querySelectorAll('main svg.chart')].map(svg => [svg.id,
                [...svg.querySelectorAll('.chart-bar, .chart-point, .chart-line')].filter(m => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length])))
            """))!;

    /// <summary>A table's rows as the cells' values (data-value where the cell shows money), all the page's disclosures opened.</summary>
    private static async Task<List<List<string>>> TableAsync(IPage page, string testId) =>
        JsonSerializer.Deserialize<List<List<string>>>(await page.EvaluateAsync<string>($$"""
            () => JSON.stringify([...document.querySelectorAll('[data-testid={{testId}}] tbody tr')].map(tr =>
                [...tr.querySelectorAll('td[data-col]')].map(td => td.dataset.value ?? td.textContent.trim())))
            """))!;

    private static string N(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.String
        ? e.GetProperty(name).GetString()! : e.GetProperty(name).GetDecimal().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_chart_draws_and_its_table_holds_the_apis_numbers_on_a_desktop_and_a_phone()
    {
        var w = await ActivityAsync();
        foreach (var (width, name) in new[] { (1400, "desktop"), (390, "phone") })
        {
            var page = await SignedInAsync(w, width);
            await page.GotoAsync("/reports");
            var drawn = await DrawnAsync(page);
            Assert.Equal(["chart-batch-usage", "chart-discount", "chart-redemptions", "chart-refusals", "chart-top-discount", "chart-top-redemptions"], drawn.Keys.Order());
            Assert.All(drawn, c => Assert.True(c.Value > 0, $"{name}: {c.Key} drew nothing"));
            // No SVG text runs past its chart's box.
            var outside = JsonSerializer.Deserialize<string[]>(await page.EvaluateAsync<string>("""
                () => JSON.stringify([...document.querySelectorAll('main svg.chart text')].filter(t => { const s = t.ownerSVGElement.getBoundingClientRect(), r = t.getBoundingClientRect();
                    return r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 || r.bottom > s.bottom + 1; }).map(t => t.ownerSVGElement.id + ': ' + t.textContent))
                """))!;
            Assert.Empty(outside);

            foreach (var summary in await page.Locator("details.report-table > summary").AllAsync()) await summary.ClickAsync();
            var daily = (await ApiAsync("redemptions-daily", w)).EnumerateArray().Select(d => new List<string> { d.GetProperty("day").GetString()!, N(d, "redemptions"), N(d, "discount") }).ToList();
            Assert.Equal(daily, await TableAsync(page, "table-redemptions-daily"));
            var top = await ApiAsync("top-codes", w);
            Assert.Equal(top.GetProperty("byRedemptions").EnumerateArray().Select(c => new List<string> { c.GetProperty("code").GetString()!, N(c, "redemptions"), N(c, "discount") }),
                await TableAsync(page, "table-top-redemptions"));
            Assert.Equal(top.GetProperty("byDiscount").EnumerateArray().Select(c => new List<string> { c.GetProperty("code").GetString()!, N(c, "redemptions"), N(c, "discount") }),
                await TableAsync(page, "table-top-discount"));
            Assert.Equal((await ApiAsync("batch-usage", w)).EnumerateArray().Select(b => new List<string> { b.GetProperty("name").GetString()!, N(b, "codesTotal"), N(b, "codesRedeemed"), N(b, "discountGiven") }),
                await TableAsync(page, "table-batch-usage"));
            var refusals = (await ApiAsync("refusals-daily", w)).EnumerateArray().Select(r => (r.GetProperty("day").GetString(), N(r, "count"))).ToList();
            Assert.Equal(refusals, (await TableAsync(page, "table-refusals-daily")).Select(r => ((string?)r[0], r[2])));
            Assert.Equal((await ApiAsync("expiring-soon", w)).EnumerateArray().Select(c => c.GetProperty("code").GetString()), (await TableAsync(page, "table-expiring-soon")).Select(r => (string?)r[0]));
            Assert.Equal((await ApiAsync("running-low", w)).EnumerateArray().Select(c => c.GetProperty("code").GetString()), (await TableAsync(page, "table-running-low")).Select(r => (string?)r[0]));
            await page.EvaluateAsync("() => document.querySelectorAll('details.report-table').forEach(d => d.open = false)");
            await BrowserFixture.ScreenshotAsync(page, $"reports-{name}");

            await page.GotoAsync("/");
            var trend = await DrawnAsync(page);
            Assert.True(trend["chart-trend"] > 0, $"{name}: the dashboard's trend drew nothing");
            Assert.True(trend["chart-trend-discount"] > 0, $"{name}: the dashboard's discount trend drew nothing");
            await BrowserFixture.ScreenshotAsync(page, $"reports-dashboard-{name}");
        }
    }
}
