using System.Net;
using System.Net.Http.Json;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>
/// A code's quantity reads alike on every page (docs/rules.md#redemption-rules): what is left, of how many, and how many
/// were used ("0 left of 1: 1 used"), never the remaining count alone as if it were the total.
/// </summary>
public sealed class QuantityWordingPageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A code of its own world limited to one use, then redeemed once through the checkout API.</summary>
    private async Task<(TestWorld W, PromoCode Code)> UsedUpCodeAsync()
    {
        var w = await factory.WorldAsync();
        var code = await factory.AddCodeAsync(w.HomeId, w.Code("ONCE"), c => { c.Amount = 10; c.Inventory.Quantity = 1; });
        await factory.ApiClient().PostAsJsonAsync("/api/v1/checkout/redeem", new
        {
            code = code.Code, locationKey = w.Home, orderNumber = "ORD-" + w.Tag,
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 1 } },
        }, Ct).ExpectAsync(HttpStatusCode.OK);
        return (w, code);
    }

    [Fact]
    public async Task After_one_of_one_is_used_the_list_and_the_code_form_read_0_left_of_1_with_1_used()
    {
        var (w, code) = await UsedUpCodeAsync();
        var session = await AdminAtAsync(factory, w.Home);
        var list = await session.GetPageAsync("/promo-codes");
        Assert.Equal("0 left of 1: 1 used", Row(list, code.Code).QuerySelector("[data-testid=quantity]")!.TextContent.Trim());

        var form = await session.GetPageAsync($"/promo-codes/{code.Id}/edit");
        Assert.Equal("0 left of 1: 1 used", form.QuerySelector("[data-field=quantity] [data-testid=quantity-usage]")!.TextContent.Trim());
        Assert.Equal("Quantity_usage", form.QuerySelector("input[name=Quantity]")!.GetAttribute("aria-describedby"));
        // The input still sets what is left, and says so.
        Assert.Equal("0", Value(form, "Quantity"));
        Assert.Contains("redemptions left", form.QuerySelector("[data-field=quantity]")!.TextContent);
        Assert.DoesNotContain("total redemptions", form.QuerySelector("main")!.TextContent);

        // The read-only view of the code reads the same.
        var view = await session.GetPageAsync($"/promo-codes/{code.Id}");
        Assert.Equal("0 left of 1: 1 used", view.QuerySelector("[data-testid=quantity-usage]")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_unlimited_code_reads_unlimited_with_its_uses_once_it_has_some_and_a_new_code_shows_no_usage()
    {
        var w = await factory.WorldAsync();
        var used = await factory.AddCodeAsync(w.HomeId, w.Code("OPEN"), c => c.Inventory.TimesUsed = 3);
        var fresh = await factory.AddCodeAsync(w.HomeId, w.Code("FRESH"));
        var limited = await factory.AddCodeAsync(w.HomeId, w.Code("FIVE"), c => c.Inventory.Quantity = 5);
        var session = await AdminAtAsync(factory, w.Home);
        var list = await session.GetPageAsync("/promo-codes");
        string Quantity(PromoCode c) => Row(list, c.Code).QuerySelector("[data-testid=quantity]")!.TextContent.Trim();
        Assert.Equal(["Unlimited: 3 used", "Unlimited", "5 left of 5: 0 used"], [Quantity(used), Quantity(fresh), Quantity(limited)]);
        Assert.Equal("Unlimited: 3 used", (await session.GetPageAsync($"/promo-codes/{used.Id}/edit")).QuerySelector("[data-testid=quantity-usage]")!.TextContent.Trim());
        Assert.Null((await session.GetPageAsync("/promo-codes/create")).QuerySelector("[data-testid=quantity-usage]"));
    }

    [Fact]
    public async Task A_batch_page_reads_each_code_quantity_the_same_way()
    {
        var w = await factory.WorldAsync();
        int batchId;
        await using (var scope = factory.Db())
        {
            var batch = new Batch
            {
                LocationId = w.HomeId, Name = "Quantities " + w.Tag, Method = GenerationMethod.Count, RequestedCount = 2, GeneratedCount = 2,
                Status = BatchStatus.Ready, SettingsJson = "{}", CreatedAt = DateTimeOffset.UtcNow, CompletedAt = DateTimeOffset.UtcNow, CodeLength = 8,
            };
            scope.Context.Batches.Add(batch);
            await scope.Context.SaveChangesAsync(Ct);
            batchId = batch.Id;
            scope.Context.PromoCodes.AddRange(
                TestData.NewCode(w.HomeId, w.Code("BQA"), c => { c.BatchId = batchId; c.Inventory.Quantity = 1; }),
                TestData.NewCode(w.HomeId, w.Code("BQB"), c => { c.BatchId = batchId; c.Inventory.Quantity = 0; c.Inventory.TimesUsed = 1; }));
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = await AdminAtAsync(factory, w.Home);
        var page = await session.GetPageAsync($"/batches/{batchId}");
        Assert.Equal(["1 left of 1: 0 used", "0 left of 1: 1 used"],
            page.QuerySelectorAll("tr[data-code-row] [data-testid=quantity]").Select(td => td.TextContent.Trim()));
    }
}
