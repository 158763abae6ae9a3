using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Batches;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Hardening;

/// <summary>A batch belongs to its location: acting on it from another is 404 in the pages and 403 in the API; the dashboard counts only codes people can see.</summary>
[Collection(nameof(BatchJobsCollection))]
public sealed class LocationScopeTests(BatchJobsApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestWorld W, int Id)> HarborBatchAsync()
    {
        var w = await factory.WorldAsync();
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Away, name = "Harbor " + w.Tag, method = "count", count = 20, settings = new { quantity = 2 } });
        await BatchKit.Runner(factory).RunPendingJobsAsync();
        return (w, id);
    }

    /// <summary>How many codes the batch has, and their distinct quantities.</summary>
    private async Task<(int Codes, string Quantities)> StateAsync(int id)
    {
        await using var scope = factory.Db();
        var quantities = await scope.Context.PromoCodes.Where(c => c.BatchId == id).Select(c => c.Inventory.Quantity).ToArrayAsync(Ct);
        return (quantities.Length, string.Join(",", quantities.Distinct()));
    }

    [Fact]
    public async Task Working_on_downtown_a_manager_cannot_see_export_modify_or_delete_a_harbor_batch()
    {
        var (w, id) = await HarborBatchAsync();
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        foreach (var path in new[] { $"/batches/{id}", $"/batches/{id}/inventory", $"/batches/{id}/delete", $"/batches/{id}/export" })
            Assert.True((await session.Client.GetAsync(path, Ct)).StatusCode == HttpStatusCode.NotFound, path);
        Assert.Empty(await session.Client.GetFromJsonAsync<List<object>>($"/batches/progress?ids={id}", Ct) ?? []);

        // Forms posted from the right batch page, replayed while working on the other location: refused, nothing changed.
        var atHarbor = (await WebSession.SignedInAsync(factory)).At(w.Away);
        var inventory = await atHarbor.GetPageAsync($"/batches/{id}/inventory");
        var delete = await atHarbor.GetPageAsync($"/batches/{id}/delete");
        atHarbor.At(w.Home);
        var posted = await atHarbor.SubmitAsync(inventory, "#inventory-form", new() { ["Action"] = ["Set"], ["Amount"] = ["0"], ["Confirmed"] = ["true"] });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await atHarbor.SubmitAsync(delete, "main form")).StatusCode);
        Assert.Equal((20, "2"), await StateAsync(id));

        // From its own location, all of it works.
        atHarbor.At(w.Away);
        Assert.Equal(HttpStatusCode.OK, (await atHarbor.Client.GetAsync($"/batches/{id}/export", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_api_answers_403_when_acting_from_another_location_and_changes_nothing()
    {
        var (w, id) = await HarborBatchAsync();
        var api = factory.ApiClient();
        var from = $"?locationKey={w.Home}";
        await api.GetAsync($"/api/v1/batches/{id}{from}", Ct).ExpectAsync(HttpStatusCode.Forbidden);
        await api.GetAsync($"/api/v1/batches/{id}/codes{from}", Ct).ExpectAsync(HttpStatusCode.Forbidden);
        await api.GetAsync($"/api/v1/batches/{id}/export{from}", Ct).ExpectAsync(HttpStatusCode.Forbidden);
        await api.PostAsJsonAsync($"/api/v1/batches/{id}/inventory{from}", new { action = "set", amount = 0 }, Ct).ExpectAsync(HttpStatusCode.Forbidden);
        await api.DeleteAsync($"/api/v1/batches/{id}{from}", Ct).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal((20, "2"), await StateAsync(id));

        var own = $"?locationKey={w.Away}";
        await api.PostAsJsonAsync($"/api/v1/batches/{id}/inventory{own}", new { action = "set", amount = 5 }, Ct).ExpectAsync(HttpStatusCode.OK);
        await api.DeleteAsync($"/api/v1/batches/{id}{own}", Ct).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, (await StateAsync(id)).Codes);
    }

    [Fact]
    public async Task The_dashboard_counts_only_codes_people_can_see_not_those_of_a_batch_still_generating()
    {
        var w = await factory.WorldAsync();
        await using (var scope = factory.Db())
        {
            var now = DateTimeOffset.UtcNow;
            var generating = new Batch { LocationId = w.HomeId, Name = "Half done", Method = GenerationMethod.Count, CodeLength = 10, Status = BatchStatus.Generating, SettingsJson = "{}", CreatedAt = now, RequestedCount = 1000 };
            scope.Context.Batches.Add(generating);
            await scope.Context.SaveChangesAsync(Ct);
            PromoCode Code(string text, int? batch) => TestData.NewCode(w.HomeId, text, c => c.BatchId = batch);
            scope.Context.PromoCodes.AddRange(Code(w.Code("SEEN"), null), Code(w.Code("HALF1"), generating.Id), Code(w.Code("HALF2"), generating.Id));
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        var dashboard = await session.GetPageAsync("/");
        Assert.Equal("1", dashboard.QuerySelector("[data-testid=active-codes]")!.TextContent.Trim());
    }
}
