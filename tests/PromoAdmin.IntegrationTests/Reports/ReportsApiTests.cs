using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Reports;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Reports;

/// <summary>The reports' API (docs/rules.md#reports): each report's numbers from redemptions and counters, and its filters.</summary>
public sealed class ReportsApiTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => PromoCodeStatus.Today(DateTimeOffset.UtcNow, "America/New_York"); // the home location's zone

    private async Task<long> RedeemAsync(TestWorld w, string code, decimal price)
    {
        var redeemed = await factory.ApiClient().PostAsJsonAsync("/api/v1/checkout/redeem", new
        {
            code, locationKey = w.Home, orderNumber = "R-" + Guid.NewGuid().ToString("N")[..10],
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = price, quantity = 1 } },
        }, Ct).ExpectAsync(HttpStatusCode.OK);
        return redeemed.GetProperty("redemptionId").GetInt64();
    }

    private async Task<JsonElement> ReportAsync(string report, string query) =>
        await factory.ApiClient().GetAsync($"/api/v1/reports/{report}?{query}", Ct).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Redemptions_daily_counts_each_day_of_the_window_at_the_location_leaving_voided_ones_out()
    {
        var w = await factory.WorldAsync();
        var group = await factory.GroupAsync("Report group " + w.Tag);
        var grouped = await factory.AddCodeAsync(w.HomeId, w.Code("TENOFF"), c => { c.Amount = 10; c.GroupId = group; });
        var other = await factory.AddCodeAsync(w.HomeId, w.Code("FIVEOFF"), c => c.Amount = 5);
        await RedeemAsync(w, grouped.Code, 40m); // 4.00
        await RedeemAsync(w, grouped.Code, 20m); // 2.00
        var voided = await RedeemAsync(w, other.Code, 100m);
        await RedeemAsync(w, other.Code, 100m); // 5.00
        await factory.ApiClient().PostAsync($"/api/v1/checkout/redemptions/{voided}/void", null, Ct).ExpectAsync(HttpStatusCode.OK);

        var days = (await ReportAsync("redemptions-daily", $"locationKey={w.Home}")).EnumerateArray().ToList();
        Assert.Equal(30, days.Count);
        Assert.Equal(Today.AddDays(-29).ToString("yyyy-MM-dd"), days[0].GetProperty("day").GetString());
        Assert.Equal(Today.ToString("yyyy-MM-dd"), days[^1].GetProperty("day").GetString());
        Assert.Equal((3, 11.00m), (days[^1].GetProperty("redemptions").GetInt32(), days[^1].GetProperty("discount").GetDecimal()));
        Assert.All(days[..^1], d => Assert.Equal(0, d.GetProperty("redemptions").GetInt32()));

        Assert.Equal(90, (await ReportAsync("redemptions-daily", $"locationKey={w.Home}&days=90")).GetArrayLength());
        var inGroup = await ReportAsync("redemptions-daily", $"locationKey={w.Home}&groupId={group}");
        Assert.Equal((2, 6.00m), (inGroup[29].GetProperty("redemptions").GetInt32(), inGroup[29].GetProperty("discount").GetDecimal()));
        // The other location of the world saw none.
        Assert.All((await ReportAsync("redemptions-daily", $"locationKey={w.Away}")).EnumerateArray(), d => Assert.Equal(0, d.GetProperty("redemptions").GetInt32()));
    }

    [Fact]
    public async Task Top_codes_rank_by_redemptions_and_by_discount_separately()
    {
        var w = await factory.WorldAsync();
        var often = await factory.AddCodeAsync(w.HomeId, w.Code("OFTEN"), c => c.Amount = 1);
        var big = await factory.AddCodeAsync(w.HomeId, w.Code("BIG"), c => c.Amount = 50);
        for (var i = 0; i < 3; i++) await RedeemAsync(w, often.Code, 10m);
        await RedeemAsync(w, big.Code, 100m);
        var top = await ReportAsync("top-codes", $"locationKey={w.Home}");
        var byRedemptions = top.GetProperty("byRedemptions");
        Assert.Equal([often.Code, big.Code], byRedemptions.EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(3, byRedemptions[0].GetProperty("redemptions").GetInt32());
        Assert.Equal([big.Code, often.Code], top.GetProperty("byDiscount").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(50.00m, top.GetProperty("byDiscount")[0].GetProperty("discount").GetDecimal());
    }

    [Fact]
    public async Task Refusals_daily_counts_each_reason_per_day_from_the_checkouts_counters()
    {
        var w = await factory.WorldAsync();
        var off = await factory.AddCodeAsync(w.HomeId, w.Code("OFF"), c => { c.Amount = 10; c.Enabled = false; });
        var ok = await factory.AddCodeAsync(w.HomeId, w.Code("OK"), c => c.Amount = 10);
        foreach (var code in new[] { off.Code, off.Code, w.Code("NOSUCH"), ok.Code })
            await factory.ApiClient().PostAsJsonAsync("/api/v1/checkout/validate", new
            {
                code, locationKey = w.Home, lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 10m, quantity = 1 } },
            }, Ct).ExpectAsync(HttpStatusCode.OK);
        await factory.Services.GetRequiredService<ValidationCountWriter>().FlushAsync(Ct);
        var refusals = (await ReportAsync("refusals-daily", $"locationKey={w.Home}")).EnumerateArray()
            .Select(r => (r.GetProperty("day").GetString(), r.GetProperty("reason").GetString(), r.GetProperty("count").GetInt64())).ToList();
        var today = Today.ToString("yyyy-MM-dd");
        Assert.Equal([(today, "code_disabled", 2L), (today, "code_not_found", 1L)], refusals);
    }

    [Fact]
    public async Task Batch_usage_counts_a_batchs_codes_redeemed_and_its_discount()
    {
        var w = await factory.WorldAsync();
        int batchId;
        await using (var scope = factory.Db())
        {
            var batch = new Batch { LocationId = w.HomeId, Name = "Usage " + w.Tag, SettingsJson = "{}", Status = BatchStatus.Ready, RequestedCount = 3, GeneratedCount = 3, CreatedAt = DateTimeOffset.UtcNow };
            scope.Context.Batches.Add(batch);
            await scope.Context.SaveChangesAsync(Ct);
            batchId = batch.Id;
        }
        var codes = new List<PromoCode>();
        foreach (var name in new[] { "U1", "U2", "U3" })
            codes.Add(await factory.AddCodeAsync(w.HomeId, w.Code(name), c => { c.BatchId = batchId; c.Amount = 10; }));
        await RedeemAsync(w, codes[0].Code, 30m);
        await RedeemAsync(w, codes[0].Code, 30m);
        await RedeemAsync(w, codes[2].Code, 50m);
        var row = Assert.Single((await ReportAsync("batch-usage", $"locationKey={w.Home}")).EnumerateArray());
        Assert.Equal((batchId, 3, 2, 11.00m), (row.GetProperty("batchId").GetInt32(), row.GetProperty("codesTotal").GetInt32(),
            row.GetProperty("codesRedeemed").GetInt32(), row.GetProperty("discountGiven").GetDecimal()));
        var daily = await ReportAsync("redemptions-daily", $"locationKey={w.Home}&batchId={batchId}");
        Assert.Equal(3, daily[29].GetProperty("redemptions").GetInt32());
    }

    [Fact]
    public async Task Codes_to_watch_are_those_ending_within_seven_days_and_those_with_less_than_a_tenth_left()
    {
        var w = await factory.WorldAsync();
        var ending = await factory.AddCodeAsync(w.HomeId, w.Code("ENDING"), c => { c.Amount = 10; c.PurchaseEnd = Today.AddDays(3); });
        await factory.AddCodeAsync(w.HomeId, w.Code("LATER"), c => { c.Amount = 10; c.PurchaseEnd = Today.AddDays(30); });
        var low = await factory.AddCodeAsync(w.HomeId, w.Code("LOW"), c => { c.Amount = 10; c.Inventory = new() { Quantity = 1, TimesUsed = 10 }; });
        await factory.AddCodeAsync(w.HomeId, w.Code("PLENTY"), c => { c.Amount = 10; c.Inventory = new() { Quantity = 5, TimesUsed = 10 }; });
        await factory.AddCodeAsync(w.HomeId, w.Code("GONE"), c => { c.Amount = 10; c.Inventory = new() { Quantity = 0, TimesUsed = 10 }; });
        Assert.Equal([ending.Code], (await ReportAsync("expiring-soon", $"locationKey={w.Home}")).EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        var running = Assert.Single((await ReportAsync("running-low", $"locationKey={w.Home}")).EnumerateArray());
        Assert.Equal((low.Code, 1, 10), (running.GetProperty("code").GetString(), running.GetProperty("remaining").GetInt32(), running.GetProperty("used").GetInt32()));
    }

    [Fact]
    public async Task A_report_refuses_days_other_than_30_or_90_and_an_unknown_location_naming_both()
    {
        var problem = await factory.ApiClient().GetAsync("/api/v1/reports/top-codes?days=7&locationKey=nowhere-at-all", Ct).ExpectAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("days", out _));
        Assert.True(errors.TryGetProperty("locationKey", out _));
    }
}
