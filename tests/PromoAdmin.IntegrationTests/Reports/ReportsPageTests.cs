using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Reports;
using PromoAdmin.Domain.Users;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Reports;

/// <summary>
/// The Reports page and the dashboard's trend (docs/rules.md#reports): each section's table holds the API's numbers, the
/// filters narrow, each CSV has the rows, a Viewer gets no CSV, a user limited to some locations sees only theirs.
/// </summary>
public sealed class ReportsPageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => PromoCodeStatus.Today(DateTimeOffset.UtcNow, "America/New_York"); // the home location's zone

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The world of these tests: a grouped code, a code of a batch, refusals, and codes to watch, all at home.</summary>
    private sealed record Scene(TestWorld W, int Group, int Batch, PromoCode Grouped, PromoCode Plain, PromoCode Ending, PromoCode Low);

    private async Task<Scene> SceneAsync()
    {
        var w = await factory.WorldAsync();
        var group = await factory.GroupAsync("Report page group " + w.Tag);
        int batchId;
        await using (var scope = factory.Db())
        {
            var batch = new Batch { LocationId = w.HomeId, Name = "Page usage " + w.Tag, SettingsJson = "{}", Status = BatchStatus.Ready, RequestedCount = 2, GeneratedCount = 2, CreatedAt = DateTimeOffset.UtcNow };
            scope.Context.Batches.Add(batch);
            await scope.Context.SaveChangesAsync(Ct);
            batchId = batch.Id;
        }
        var grouped = await factory.AddCodeAsync(w.HomeId, w.Code("GROUPED"), c => { c.Amount = 10; c.GroupId = group; });
        var plain = await factory.AddCodeAsync(w.HomeId, w.Code("PLAIN"), c => c.Amount = 5);
        var batched = await factory.AddCodeAsync(w.HomeId, w.Code("B1"), c => { c.Amount = 20; c.BatchId = batchId; });
        await factory.AddCodeAsync(w.HomeId, w.Code("B2"), c => { c.Amount = 20; c.BatchId = batchId; });
        var off = await factory.AddCodeAsync(w.HomeId, w.Code("OFF"), c => { c.Amount = 10; c.Enabled = false; });
        var ending = await factory.AddCodeAsync(w.HomeId, w.Code("ENDING"), c => { c.Amount = 1; c.PurchaseEnd = Today.AddDays(2); });
        var low = await factory.AddCodeAsync(w.HomeId, w.Code("LOW"), c => { c.Amount = 1; c.Inventory = new() { Quantity = 1, TimesUsed = 20 }; });
        await RedeemAsync(w, grouped.Code, 40m); // 4.00
        await RedeemAsync(w, grouped.Code, 20m); // 2.00
        await RedeemAsync(w, plain.Code, 100m); // 5.00
        await RedeemAsync(w, batched.Code, 100m); // 20.00
        foreach (var code in new[] { off.Code, off.Code, w.Code("NOSUCH") }) await ValidateAsync(w, code);
        await factory.Services.GetRequiredService<ValidationCountWriter>().FlushAsync(Ct);
        return new Scene(w, group, batchId, grouped, plain, ending, low);
    }

    private async Task RedeemAsync(TestWorld w, string code, decimal price, string? locationKey = null) =>
        await factory.ApiClient().PostAsJsonAsync("/api/v1/checkout/redeem", new
        {
            code, locationKey = locationKey ?? w.Home, orderNumber = "P-" + Guid.NewGuid().ToString("N")[..10],
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = price, quantity = 1 } },
        }, Ct).ExpectAsync(HttpStatusCode.OK);

    private async Task ValidateAsync(TestWorld w, string code) =>
        await factory.ApiClient().PostAsJsonAsync("/api/v1/checkout/validate", new
        {
            code, locationKey = w.Home, lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 10m, quantity = 1 } },
        }, Ct).ExpectAsync(HttpStatusCode.OK);

    private async Task<JsonElement> ApiAsync(string report, string query) =>
        await factory.ApiClient().GetAsync($"/api/v1/reports/{report}?{query}", Ct).ExpectAsync(HttpStatusCode.OK);

    private async Task<WebSession> AdminAsync(TestWorld w) => (await WebSession.SignedInAsync(factory)).At(w.Home);

    private static List<Dictionary<string, string>> Table(IHtmlDocument page, string testId) =>
        page.QuerySelectorAll($"[data-testid={testId}] tbody tr").Select(tr => tr.QuerySelectorAll("td[data-col]")
            .ToDictionary(td => td.GetAttribute("data-col")!, td => td.GetAttribute("data-value") ?? td.TextContent.Trim())).ToList();

    private static string D(JsonElement e, string name) => e.GetProperty(name).GetDecimal().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Each_sections_table_shows_the_numbers_of_the_reports_api_for_the_current_location()
    {
        var s = await SceneAsync();
        var w = s.W;
        // No location in the URL: the one picked in the header.
        var page = await (await AdminAsync(w)).GetPageAsync("/reports");
        var query = $"locationKey={w.Home}";

        var daily = (await ApiAsync("redemptions-daily", query)).EnumerateArray().ToList();
        var dailyRows = Table(page, "table-redemptions-daily");
        Assert.Equal(daily.Select(d => (d.GetProperty("day").GetString(), d.GetProperty("redemptions").GetInt32().ToString(CultureInfo.InvariantCulture), D(d, "discount"))),
            dailyRows.Select(r => ((string?)r["day"], r["redemptions"], r["discount"])));
        Assert.Equal((4m, 31m), (decimal.Parse(dailyRows[^1]["redemptions"], CultureInfo.InvariantCulture), decimal.Parse(dailyRows[^1]["discount"], CultureInfo.InvariantCulture)));
        Assert.NotNull(page.QuerySelector("svg#chart-redemptions[role=img] rect.chart-bar"));
        Assert.NotNull(page.QuerySelector("svg#chart-discount polyline.chart-line"));
        Assert.Contains("4 redemptions", page.QuerySelector("[data-testid=daily-summary]")!.TextContent);

        var top = await ApiAsync("top-codes", query);
        foreach (var (key, name) in new[] { ("redemptions", "byRedemptions"), ("discount", "byDiscount") })
            Assert.Equal(top.GetProperty(name).EnumerateArray().Select(c => (c.GetProperty("code").GetString(), c.GetProperty("redemptions").GetInt32().ToString(CultureInfo.InvariantCulture), D(c, "discount"))),
                Table(page, $"table-top-{key}").Select(r => ((string?)r["code"], r["redemptions"], r["discount"])));
        Assert.Equal(s.Grouped.Code, Table(page, "table-top-redemptions")[0]["code"]);

        var batches = (await ApiAsync("batch-usage", query)).EnumerateArray().ToList();
        Assert.Equal(batches.Select(b => (b.GetProperty("name").GetString(), b.GetProperty("codesTotal").GetInt32().ToString(CultureInfo.InvariantCulture), b.GetProperty("codesRedeemed").GetInt32().ToString(CultureInfo.InvariantCulture), D(b, "discountGiven"))),
            Table(page, "table-batch-usage").Select(r => ((string?)r["batch"], r["codes"], r["redeemed"], r["discount"])));
        var batchRow = Table(page, "table-batch-usage")[0];
        Assert.Equal(("2", "1", 20m), (batchRow["codes"], batchRow["redeemed"], decimal.Parse(batchRow["discount"], CultureInfo.InvariantCulture)));

        var refusals = (await ApiAsync("refusals-daily", query)).EnumerateArray().ToList();
        var refusalRows = page.QuerySelectorAll("[data-testid=table-refusals-daily] tbody tr").ToList();
        Assert.Equal(refusals.Select(r => (r.GetProperty("day").GetString(), r.GetProperty("reason").GetString(), r.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture))),
            refusalRows.Select(tr => ((string?)tr.QuerySelector("[data-col=day]")!.TextContent, tr.GetAttribute("data-reason"), tr.QuerySelector("[data-col=count]")!.TextContent)));
        Assert.Equal(2, refusals.Count);
        // Reasons in words, in the table and the chart's legend.
        Assert.Equal(["Enabled", "Code exists at this location"], refusalRows.Select(tr => tr.QuerySelector("[data-col=reason]")!.TextContent));
        Assert.Contains("Enabled", page.QuerySelector("svg#chart-refusals")!.TextContent);

        Assert.Equal((await ApiAsync("expiring-soon", query)).EnumerateArray().Select(c => c.GetProperty("code").GetString()),
            Table(page, "table-expiring-soon").Select(r => (string?)r["code"]));
        Assert.Equal([(s.Ending.Code, Iso(Today.AddDays(2)))], Table(page, "table-expiring-soon").Select(r => (r["code"], r["end"])));
        Assert.Equal([(s.Low.Code, "1", "20")], Table(page, "table-running-low").Select(r => (r["code"], r["remaining"], r["used"])));
        Assert.Equal((await ApiAsync("running-low", query)).EnumerateArray().Select(c => c.GetProperty("code").GetString()),
            Table(page, "table-running-low").Select(r => (string?)r["code"]));
    }

    [Fact]
    public async Task The_filters_narrow_every_section_to_the_days_location_group_and_batch()
    {
        var s = await SceneAsync();
        var w = s.W;
        var session = await AdminAsync(w);

        var grouped = await session.GetPageAsync($"/reports?locationKey={w.Home}&groupId={s.Group}");
        var groupedDay = Table(grouped, "table-redemptions-daily")[^1];
        Assert.Equal(("2", 6m), (groupedDay["redemptions"], decimal.Parse(groupedDay["discount"], CultureInfo.InvariantCulture)));
        Assert.Equal([s.Grouped.Code], Table(grouped, "table-top-redemptions").Select(r => r["code"]));
        Assert.Equal("groupId", grouped.QuerySelector("#groupId option[selected]")!.ParentElement!.Id);
        Assert.Equal(s.Group.ToString(CultureInfo.InvariantCulture), grouped.QuerySelector("#groupId option[selected]")!.GetAttribute("value"));

        var batch = await session.GetPageAsync($"/reports?locationKey={w.Home}&batchId={s.Batch}");
        Assert.Equal("1", Table(batch, "table-redemptions-daily")[^1]["redemptions"]);
        Assert.Single(Table(batch, "table-batch-usage"));
        Assert.NotNull(batch.QuerySelector("[data-testid=empty-expiring-soon]"));

        var ninety = await session.GetPageAsync($"/reports?locationKey={w.Home}&days=90");
        Assert.Equal(90, Table(ninety, "table-redemptions-daily").Count);
        Assert.Equal(Iso(Today.AddDays(-89)), Table(ninety, "table-redemptions-daily")[0]["day"]);

        // The other location of the world saw none of it.
        var away = await session.GetPageAsync($"/reports?locationKey={w.Away}");
        Assert.Equal("No redemptions in these days.", away.QuerySelector("[data-testid=empty-redemptions-daily]")!.TextContent.Trim());
        Assert.Null(away.QuerySelector("svg#chart-redemptions"));
        Assert.NotNull(away.QuerySelector("[data-testid=empty-refusals-daily]"));
    }

    [Fact]
    public async Task A_filter_that_cannot_be_read_says_why_and_shows_no_report()
    {
        var w = await factory.WorldAsync();
        var page = await (await AdminAsync(w)).GetPageAsync("/reports?days=7&locationKey=nowhere-at-all&groupId=abc");
        var errors = page.QuerySelector("[data-testid=filter-errors]")!.TextContent;
        Assert.Contains("groupId must be a whole number", errors);
        Assert.Null(page.QuerySelector("[data-report]"));

        var days = await (await AdminAsync(w)).GetPageAsync("/reports?days=7&locationKey=nowhere-at-all");
        var messages = days.QuerySelector("[data-testid=filter-errors]")!.TextContent;
        Assert.Contains("days must be 30 or 90.", messages);
        Assert.Contains("nowhere-at-all", messages);
        Assert.Equal("true", days.QuerySelector("#days")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Each_csv_has_the_rows_of_its_report_with_the_pages_filters()
    {
        var s = await SceneAsync();
        var w = s.W;
        var session = await AdminAsync(w);
        var page = await session.GetPageAsync($"/reports?locationKey={w.Home}");

        async Task<List<string[]>> CsvAsync(string report)
        {
            var href = page.QuerySelector($"[data-testid=csv-{report}]")!.GetAttribute("href")!;
            Assert.Contains($"locationKey={w.Home}", href);
            var response = await session.Client.GetAsync(href, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith($"attachment; filename=\"report-{report}-", response.Content.Headers.ContentDisposition!.ToString());
            return (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        }

        var daily = await CsvAsync("redemptions-daily");
        Assert.Equal(["Day", "Redemptions", "Discount"], daily[0]);
        Assert.Equal(31, daily.Count);
        Assert.Equal([Iso(Today), "4", "31"], daily[^1]);

        var top = await CsvAsync("top-codes");
        Assert.Equal(["redemptions", "1", s.Grouped.Code, "2", "6"], top[1]);
        Assert.Contains(top, r => r[0] == "discount" && r[1] == "1" && r[3] == "1" && r[4] == "20");

        var refusals = await CsvAsync("refusals-daily");
        Assert.Equal([["Day", "Reason", "Reason Label", "Count"], [Iso(Today), "code_disabled", "Enabled", "2"], [Iso(Today), "code_not_found", "Code exists at this location", "1"]], refusals);

        var batches = await CsvAsync("batch-usage");
        Assert.Equal([s.Batch.ToString(CultureInfo.InvariantCulture), "Page usage " + w.Tag, "2", "1", "20"], Assert.Single(batches.Skip(1)));

        Assert.Equal([s.Ending.Id.ToString(CultureInfo.InvariantCulture), s.Ending.Code, Iso(Today.AddDays(2)), "", "0"], Assert.Single((await CsvAsync("expiring-soon")).Skip(1)));
        Assert.Equal([s.Low.Id.ToString(CultureInfo.InvariantCulture), s.Low.Code, "", "1", "20"], Assert.Single((await CsvAsync("running-low")).Skip(1)));

        // Narrowed like the page.
        var groupedCsv = await session.GetStringAsync($"/reports/redemptions-daily.csv?locationKey={w.Home}&groupId={s.Group}", Ct);
        Assert.EndsWith($"{Iso(Today)},2,6", groupedCsv.TrimEnd());
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/reports/no-such-report.csv?locationKey={w.Home}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_viewer_sees_the_reports_without_csv_links_and_is_refused_a_csv()
    {
        var s = await SceneAsync();
        var w = s.W;
        var email = $"viewer-{w.Tag}@test.promoadmin";
        await factory.UserAsync(email, "Viewer-pass-2026", Roles.Viewer);
        var viewer = (await WebSession.SignedInAsync(factory, email, "Viewer-pass-2026")).At(w.Home);

        var page = await viewer.GetPageAsync("/reports");
        Assert.Equal("4", Table(page, "table-redemptions-daily")[^1]["redemptions"]);
        Assert.Empty(page.QuerySelectorAll("[data-testid^=csv-]"));
        Assert.NotNull(page.QuerySelector("nav a[href='/reports']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.GetAsync($"/reports/top-codes.csv?locationKey={w.Home}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_user_limited_to_some_locations_sees_only_theirs()
    {
        var s = await SceneAsync();
        var w = s.W;
        var awayCode = await factory.AddCodeAsync(w.AwayId, w.Code("AWAY"), c => c.Amount = 3);
        await RedeemAsync(w, awayCode.Code, 10m, w.Away);
        var email = $"limited-{w.Tag}@test.promoadmin";
        await factory.UserAsync(email, "Limited-pass-2026", Roles.Manager, [w.AwayId]);
        var limited = (await WebSession.SignedInAsync(factory, email, "Limited-pass-2026")).At(w.Away);

        // Every location the user sees: only away's redemption, and no other location to pick.
        var all = await limited.GetPageAsync("/reports?locationKey=");
        Assert.Equal([awayCode.Code], Table(all, "table-top-redemptions").Select(r => r["code"]));
        Assert.Equal(["", w.Away], all.QuerySelectorAll("#locationKey option").Select(o => o.GetAttribute("value")).Order());
        Assert.Empty(Table(all, "table-batch-usage"));

        var home = await limited.GetPageAsync($"/reports?locationKey={w.Home}");
        Assert.Contains(w.Home, home.QuerySelector("[data-testid=filter-errors]")!.TextContent);
        Assert.Null(home.QuerySelector("[data-report]"));
        var csv = await limited.GetStringAsync("/reports/top-codes.csv?locationKey=", Ct);
        Assert.DoesNotContain(s.Grouped.Code, csv);
        Assert.Contains(awayCode.Code, csv);
    }

    [Fact]
    public async Task The_dashboard_shows_the_last_30_days_and_links_to_the_reports_of_the_location()
    {
        var s = await SceneAsync();
        var w = s.W;
        var session = await AdminAsync(w);
        var dashboard = await session.GetPageAsync("/");

        var trend = Table(dashboard, "table-trend");
        Assert.Equal(30, trend.Count);
        Assert.Equal("4", trend[^1]["redemptions"]);
        Assert.Equal((await ApiAsync("redemptions-daily", $"locationKey={w.Home}")).EnumerateArray().Select(d => d.GetProperty("redemptions").GetInt32().ToString(CultureInfo.InvariantCulture)),
            trend.Select(r => r["redemptions"]));
        Assert.Contains("4 redemptions gave ", dashboard.QuerySelector("[data-testid=trend-summary]")!.TextContent);
        Assert.NotNull(dashboard.QuerySelector("svg#chart-trend[role=img] rect.chart-bar"));
        Assert.NotNull(dashboard.QuerySelector("svg#chart-trend-discount[role=img]"));
        var link = dashboard.QuerySelector("[data-testid=see-reports]")!.GetAttribute("href")!;
        Assert.Equal($"/reports?locationKey={w.Home}", link);
        Assert.Equal("4", Table(await session.GetPageAsync(link), "table-redemptions-daily")[^1]["redemptions"]);

        var quiet = await (await WebSession.SignedInAsync(factory)).At(w.Away).GetPageAsync("/");
        Assert.Equal("No redemptions in these days.", quiet.QuerySelector("[data-testid=trend-empty]")!.TextContent.Trim());
    }
}

internal static class ReportsPageSessionExtensions
{
    public static async Task<string> GetStringAsync(this WebSession session, string url, CancellationToken ct)
    {
        var response = await session.Client.GetAsync(url, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(ct);
    }
}
