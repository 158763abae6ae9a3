using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Batches;

/// <summary>
/// A batch's page (and its API details): codes redeemed of its codes and the discount given, searching its codes, and
/// Show List's clone (docs/rules.md#batches).
/// </summary>
[Collection(nameof(BatchJobsCollection))]
public sealed class BatchUsageTests(BatchJobsApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<WebSession> AtAsync(PromoAdminFactory factory, TestWorld w)
    {
        var session = await WebSession.SignedInAsync(factory);
        await session.SubmitAsync(await session.GetPageAsync("/batches"), "#location-switcher", new() { ["key"] = [w.Home] });
        return session;
    }

    /// <summary>A ready batch of <paramref name="count"/> codes at 10% off, unlimited; its codes oldest first.</summary>
    private async Task<(int Id, List<string> Codes)> ReadyBatchAsync(TestWorld w, int count, string prefix)
    {
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Usage " + w.Tag, method = "count", count, codeLength = 8, prefix, settings = new { amount = 10 } });
        await BatchKit.Runner(factory).RunPendingJobsAsync();
        await using var scope = factory.Db();
        return (id, await scope.Context.PromoCodes.Where(c => c.BatchId == id).OrderBy(c => c.Id).Select(c => c.Code).ToListAsync(Ct));
    }

    /// <summary>Redeems the code on a $20 line (10% off: $2.00); the redemption's id.</summary>
    private async Task<long> RedeemAsync(TestWorld w, string code, string order)
    {
        var redeemed = await factory.ApiClient().PostAsJsonAsync("/api/v1/checkout/redeem", new
        {
            code, locationKey = w.Home, orderNumber = order + "-" + w.Tag,
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 1 } },
        }, Ct).ExpectAsync(HttpStatusCode.OK);
        return redeemed.GetProperty("redemptionId").GetInt64();
    }

    [Fact]
    public async Task The_batch_page_and_its_api_details_count_codes_redeemed_of_all_and_the_discount_of_redemptions_not_voided()
    {
        var w = await factory.WorldAsync();
        var (id, codes) = await ReadyBatchAsync(w, 5, "USE-");
        // Code 0 twice, code 1 once, code 2 once but voided: 2 codes redeemed, 3 redemptions of $2.00 each.
        await RedeemAsync(w, codes[0], "A1");
        await RedeemAsync(w, codes[0], "A2");
        await RedeemAsync(w, codes[1], "B1");
        var voided = await RedeemAsync(w, codes[2], "C1");
        await factory.ApiClient().PostAsync($"/api/v1/checkout/redemptions/{voided}/void", null, Ct).ExpectAsync(HttpStatusCode.OK);

        var session = await AtAsync(factory, w);
        var page = await session.GetPageAsync($"/batches/{id}");
        Assert.Equal("2 of 5", page.QuerySelector("[data-testid=codes-redeemed]")!.TextContent.Trim());
        Assert.Equal("$6.00", page.QuerySelector("[data-testid=discount-given]")!.TextContent.Trim());

        var details = await BatchKit.BatchAsync(factory, id);
        Assert.Equal((2, 5, 6.00m), (details.GetProperty("codesRedeemed").GetInt32(), details.GetProperty("codesTotal").GetInt32(), details.GetProperty("discountGiven").GetDecimal()));
        // The list does not count them: a page of batches would aggregate every batch's redemptions.
        var list = await factory.ApiClient().GetAsync($"/api/v1/batches?locationKey={w.Home}", Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.False(list.GetProperty("items")[0].TryGetProperty("codesRedeemed", out _));
    }

    [Fact]
    public async Task A_batch_without_redemptions_reads_none_redeemed_and_nothing_given()
    {
        var w = await factory.WorldAsync();
        var (id, _) = await ReadyBatchAsync(w, 3, "NONE-");
        var session = await AtAsync(factory, w);
        var page = await session.GetPageAsync($"/batches/{id}");
        Assert.Equal("0 of 3", page.QuerySelector("[data-testid=codes-redeemed]")!.TextContent.Trim());
        Assert.Equal("$0.00", page.QuerySelector("[data-testid=discount-given]")!.TextContent.Trim());
        var details = await BatchKit.BatchAsync(factory, id);
        Assert.Equal((0, 3, 0m), (details.GetProperty("codesRedeemed").GetInt32(), details.GetProperty("codesTotal").GetInt32(), details.GetProperty("discountGiven").GetDecimal()));
    }

    [Fact]
    public async Task Searching_a_batch_lists_its_matching_codes_only()
    {
        var w = await factory.WorldAsync();
        var prefix = "SRCH" + w.Tag[..4].ToUpperInvariant() + "-";
        var (id, codes) = await ReadyBatchAsync(w, 30, prefix);
        // A code with the batch's prefix outside the batch is not one of its codes.
        await factory.AddCodeAsync(w.HomeId, prefix + "HANDMADE");
        var session = await AtAsync(factory, w);

        var one = await session.GetPageAsync($"/batches/{id}?code={Uri.EscapeDataString(codes[7])}");
        Assert.Equal([codes[7]], one.QuerySelectorAll("tr[data-code-row] td:first-child .code-name").Select(c => c.TextContent));
        Assert.Equal(codes[7], one.QuerySelector("#batch-code-search")!.GetAttribute("value"));
        Assert.NotNull(one.QuerySelector("label[for=batch-code-search]"));

        var all = await session.GetPageAsync($"/batches/{id}?code={Uri.EscapeDataString(prefix)}&pageSize=100");
        Assert.Equal(codes.Order(), all.QuerySelectorAll("tr[data-code-row] td:first-child .code-name").Select(c => c.TextContent).Order());
        Assert.Contains("Total results: 30", all.QuerySelector(".toolbar")!.TextContent);

        var none = await session.GetPageAsync($"/batches/{id}?code=NOTHERE");
        Assert.Empty(none.QuerySelectorAll("tr[data-code-row]"));
    }

    [Fact]
    public async Task Show_list_offers_clone_on_the_batchs_codes_and_comes_back_to_the_list()
    {
        var w = await factory.WorldAsync();
        var (id, codes) = await ReadyBatchAsync(w, 2, "SHOW-");
        var session = await AtAsync(factory, w);
        var batchPage = await session.GetPageAsync($"/batches/{id}");
        var showList = batchPage.QuerySelectorAll(".page-header a").Single(a => a.TextContent.Trim() == "Show List").GetAttribute("href")!;

        var list = await session.GetPageAsync(showList);
        await using (var scope = factory.Db())
        {
            var codeId = await scope.Context.PromoCodes.Where(c => c.Code == codes[0]).Select(c => c.Id).SingleAsync(Ct);
            var form = $"form[action='/batches/{id}/codes/{codeId}/clone']";
            Assert.NotNull(list.QuerySelector(form));
            Assert.Equal(2, list.QuerySelectorAll("form[action$='/clone']").Length);
            Assert.NotNull(list.QuerySelector($"label[for='clone-{codeId}']"));

            var response = await session.SubmitAsync(list, form, new() { ["count"] = ["3"] });
            Assert.Equal(showList, response.Headers.Location!.ToString());
            var after = await session.FollowAsync(response);
            Assert.Contains("Generated 3 promo codes", after.QuerySelector(".alert-success")!.TextContent);
            Assert.Equal(5, after.QuerySelectorAll("form[action$='/clone']").Length);
        }
        Assert.Equal(5, await BatchKit.CodeCountAsync(factory, id));
    }
}
