using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Batches;

[Collection(nameof(BatchJobsCollection))]
public sealed class BatchInventoryAndDeleteTests(BatchJobsApp factory)
{
    private HttpClient Api => factory.ApiClient();

    private async Task<(TestWorld World, int Id)> ReadyBatchAsync(int count, int? quantity)
    {
        var w = await factory.WorldAsync();
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Stock " + w.Tag, method = "count", count, settings = new { quantity } });
        await BatchKit.Runner(factory, chunkSize: 400).RunPendingJobsAsync();
        return (w, id);
    }

    private async Task<List<int?>> QuantitiesAsync(int id)
    {
        await using var scope = factory.Db();
        return await scope.Context.PromoCodes.Where(c => c.BatchId == id).OrderBy(c => c.Id).Select(c => c.Inventory.Quantity).ToListAsync();
    }

    private Task<System.Text.Json.JsonElement> InventoryAsync(int id, string action, int amount, HttpStatusCode expected = HttpStatusCode.OK) =>
        Api.PostAsJsonAsync($"/api/v1/batches/{id}/inventory", new { action, amount }).ExpectAsync(expected);

    [Fact]
    public async Task Increment_leaves_unlimited_codes_unlimited_and_set_limits_every_code_of_the_batch()
    {
        var (w, id) = await ReadyBatchAsync(1_000, quantity: null);
        var other = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Untouched " + w.Tag, method = "count", count = 10, settings = new { quantity = 7 } });
        await BatchKit.Runner(factory).RunPendingJobsAsync();

        Assert.Equal(0, (await InventoryAsync(id, "increment", 5)).GetProperty("updated").GetInt32());
        Assert.All(await QuantitiesAsync(id), q => Assert.Null(q));

        Assert.Equal(1_000, (await InventoryAsync(id, "set", 3)).GetProperty("updated").GetInt32());
        Assert.All(await QuantitiesAsync(id), q => Assert.Equal(3, q));

        // Codes used meanwhile keep their own remaining count: increment adds to each.
        await using (var scope = factory.Db())
        {
            var first = await scope.Context.PromoCodes.Where(c => c.BatchId == id).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            await scope.Context.PromoCodeInventory.Where(i => i.PromoCodeId == first).ExecuteUpdateAsync(s => s.SetProperty(i => i.Quantity, 1));
        }
        Assert.Equal(1_000, (await InventoryAsync(id, "increment", 2)).GetProperty("updated").GetInt32());
        var after = await QuantitiesAsync(id);
        Assert.Equal(3, after[0]);
        Assert.All(after.Skip(1), q => Assert.Equal(5, q));
        Assert.All(await QuantitiesAsync(other), q => Assert.Equal(7, q));

        Assert.Equal(1_000, (await InventoryAsync(id, "increment", int.MaxValue)).GetProperty("updated").GetInt32());
        Assert.All(await QuantitiesAsync(id), q => Assert.Equal(int.MaxValue, q));
    }

    [Fact]
    public async Task Bad_inventory_requests_change_nothing()
    {
        var (_, id) = await ReadyBatchAsync(20, quantity: 4);
        Assert.Contains("amount", (await InventoryAsync(id, "set", -1, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("amount", (await InventoryAsync(id, "increment", 0, HttpStatusCode.BadRequest)).ErrorFields());
        await Api.PostAsJsonAsync($"/api/v1/batches/{id}/inventory", new { action = "double", amount = 2 }).ExpectAsync(HttpStatusCode.BadRequest);
        await Api.PostAsJsonAsync("/api/v1/batches/999999/inventory", new { action = "set", amount = 2 }).ExpectAsync(HttpStatusCode.NotFound);
        Assert.All(await QuantitiesAsync(id), q => Assert.Equal(4, q));

        var w = await factory.WorldAsync();
        var generating = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Not yet", method = "count", count = 5 });
        Assert.Contains("action", (await InventoryAsync(generating, "set", 1, HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task A_fresh_inventory_page_shows_no_error_alert()
    {
        var (w, id) = await ReadyBatchAsync(3, quantity: null);
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        var form = await session.GetPageAsync($"/batches/{id}/inventory");
        Assert.NotNull(form.QuerySelector("#inventory-form"));
        Assert.Empty(form.QuerySelectorAll(".alert-danger, .error-summary, .validation-summary-valid"));
    }

    [Fact]
    public async Task The_inventory_page_asks_to_confirm_before_it_modifies()
    {
        var (w, id) = await ReadyBatchAsync(30, quantity: null);
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        var form = await session.GetPageAsync($"/batches/{id}/inventory");
        Assert.NotNull(form.QuerySelector("label[for=action-increment]"));
        Assert.NotNull(form.QuerySelector("label[for=Amount]"));
        var confirm = await WebSession.ParseAsync(await session.SubmitAsync(form, "#inventory-form", new() { ["Action"] = ["Set"], ["Amount"] = ["9"] }));
        Assert.Contains("Set the inventory of all 30 codes to 9", confirm.QuerySelector("[data-testid=inventory-confirmation]")!.TextContent);
        Assert.All(await QuantitiesAsync(id), q => Assert.Null(q));
        var done = await session.FollowAsync(await session.SubmitAsync(confirm, "#inventory-confirm"));
        Assert.Contains("Inventory set to 9 on 30 codes", done.QuerySelector(".alert-success")!.TextContent);
        Assert.All(await QuantitiesAsync(id), q => Assert.Equal(9, q));
        Assert.NotNull(w);
    }

    [Fact]
    public async Task Delete_removes_the_batch_and_its_codes_and_redemptions_keep_their_records()
    {
        var (w, id) = await ReadyBatchAsync(500, quantity: 2);
        long redemptionId;
        string codeText;
        List<int> codeIds;
        await using (var scope = factory.Db())
        {
            codeIds = await scope.Context.PromoCodes.Where(c => c.BatchId == id).Select(c => c.Id).ToListAsync();
            var code = await scope.Context.PromoCodes.Where(c => c.BatchId == id).OrderBy(c => c.Id).FirstAsync();
            codeText = code.Code;
            var redemption = new Redemption
            {
                PromoCodeId = code.Id, CodeText = code.Code, LocationId = w.HomeId, OrderNumber = "ORD-" + w.Tag, CustomerKey = "ava",
                CustomerName = "Ava", Discount = 12.5m, Status = RedemptionStatus.Applied, RedeemedAt = DateTimeOffset.UtcNow,
            };
            scope.Context.Redemptions.Add(redemption);
            await scope.Context.SaveChangesAsync();
            redemptionId = redemption.Id;
        }

        await Api.DeleteAsync($"/api/v1/batches/{id}").ExpectAsync(HttpStatusCode.NoContent);

        await Api.GetAsync($"/api/v1/batches/{id}").ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await BatchKit.CodeCountAsync(factory, id));
        await using (var scope = factory.Db())
        {
            var kept = await scope.Context.Redemptions.AsNoTracking().SingleAsync(r => r.Id == redemptionId);
            Assert.Equal((null, codeText, "ORD-" + w.Tag, "ava", 12.5m), (kept.PromoCodeId, kept.CodeText, kept.OrderNumber, kept.CustomerKey, kept.Discount));
            Assert.False(await scope.Context.BatchJobs.AnyAsync(j => j.BatchId == id));
            Assert.Equal(500, codeIds.Count);
            Assert.False(await scope.Context.PromoCodeInventory.AnyAsync(i => codeIds.Contains(i.PromoCodeId)));
        }
        var redemptions = await Api.GetAsync($"/api/v1/redemptions?orderNumber=ORD-{w.Tag}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, redemptions.GetProperty("total").GetInt32());
        await Api.DeleteAsync($"/api/v1/batches/{id}").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_delete_page_confirms_then_deletes()
    {
        var (w, id) = await ReadyBatchAsync(12, quantity: null);
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        var confirm = await session.GetPageAsync($"/batches/{id}/delete");
        Assert.Contains("all 12 of its promo codes", confirm.QuerySelector("main")!.TextContent);
        Assert.Equal(12, await BatchKit.CodeCountAsync(factory, id));
        var list = await session.FollowAsync(await session.SubmitAsync(confirm, "main form"));
        Assert.Contains("were deleted", list.QuerySelector(".alert-success")!.TextContent);
        Assert.Equal(0, await BatchKit.CodeCountAsync(factory, id));
    }

    [Fact]
    public async Task The_export_has_one_row_per_code_of_the_batch_archived_ones_too()
    {
        var (w, id) = await ReadyBatchAsync(40, quantity: 6);
        await using (var scope = factory.Db())
            await scope.Context.PromoCodes.Where(c => c.BatchId == id).OrderBy(c => c.Id).Take(5).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsArchived, true));
        var response = await Api.GetAsync($"/api/v1/batches/{id}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(41, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Equal("6", l.Split(',')[6]));
        await using var check = factory.Db();
        var first = await check.Context.PromoCodes.Where(c => c.BatchId == id).OrderBy(c => c.Id).Select(c => c.Code).FirstAsync();
        Assert.StartsWith(first + ",", lines[1]);

        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        var page = await session.Client.GetAsync($"/batches/{id}/export");
        Assert.Equal("text/csv", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal(41, (await page.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
