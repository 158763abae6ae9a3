using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>
/// An app of its own for the bulk page's size: the shared app's catalog grows with every test's world, and the settings
/// form lists catalog items (not codes), so there the page's size would depend on the other tests.
/// </summary>
public sealed class BulkPageApp() : PromoAdminFactory(null, new Dictionary<string, string?> { ["Batches:Worker:ChunkSize"] = "2000", ["Batches:Worker:PollInterval"] = "00:00:00.200" }),
    IAsyncLifetime
{
    public ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The bulk actions page with many codes at the location: its code picker renders a few and searches the server for the others.</summary>
public sealed class BulkUpdatePageSizeTests(BulkPageApp factory) : IClassFixture<BulkPageApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_bulk_page_stays_small_however_many_codes_the_location_has_and_its_code_search_finds_a_hand_made_code()
    {
        var world = await factory.WorldAsync();
        var summer = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("SUMMER10"), LocationKey = world.Home, Amount = 10, Description = "Summer kickoff" });
        var session = await AdminAtAsync(factory, world.Home);
        var before = await (await session.Client.GetAsync("/promo-codes/bulk-update", Ct)).Content.ReadAsStringAsync(Ct);

        // A location may hold a million codes; a test cannot make that many, but 3,000 newer codes than SUMMER10 show that
        // the page no longer grows with them: it renders a fixed number of codes, and the search finds the others.
        var batch = await factory.ApiClient().PostAsJsonAsync("/api/v1/batches", new
        {
            locationKey = world.Home, name = "Many " + world.Tag, method = "count", count = 3_000, codeLength = 10, settings = new { amount = 5, description = "From the batch" },
        }, Ct).ExpectAsync(HttpStatusCode.Accepted);
        var batchId = batch.GetProperty("id").GetInt32();
        await Eventually.UntilAsync(async () => (await factory.ApiClient().GetAsync($"/api/v1/batches/{batchId}", Ct).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("status").GetString() == "ready", $"batch {batchId} still generating");

        var response = await session.Client.GetAsync("/promo-codes/bulk-update", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"Bulk page: {before.Length:N0} characters with 1 code, {html.Length:N0} with 3,001.");
        Assert.True(html.Length < 60 * 1024, $"The bulk page is {html.Length:N0} characters with 3,001 codes ({before.Length:N0} with one).");
        // As large as with one code, but for the few newest codes it lists in its place.
        Assert.True(html.Length - before.Length < 3 * 1024, $"{before.Length:N0} characters with one code, {html.Length:N0} with 3,001.");
        var page = await WebSession.ParseAsync(response);
        var options = page.QuerySelectorAll("[data-check-list][data-name='CodeIds'] input[type=checkbox]");
        Assert.Equal(SettingOptionsService.NewestCodeOptions, options.Length);
        Assert.DoesNotContain(options, o => o.GetAttribute("value") == summer.Id.ToString());
        var picker = page.QuerySelector("[data-check-list][data-name='CodeIds']")!;
        Assert.Equal("/promo-codes/search", picker.GetAttribute("data-search-url"));

        // The search endpoint: the location's own codes containing the text (JSON, as the other pickers' searches).
        var found = await session.Client.GetFromJsonAsync<List<CheckOptionJson>>("/promo-codes/search?q=mer10", Ct);
        Assert.Equal([(summer.Id.ToString(), summer.Code, "Summer kickoff")], found!.Select(o => (o.Value, o.Label, o.Hint)));
        var many = await session.Client.GetFromJsonAsync<List<CheckOptionJson>>("/promo-codes/search?q=" + (await FirstBatchCodeAsync(batchId))[..1], Ct);
        Assert.Equal(SettingOptionsService.CodeMatches, many!.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await session.Client.GetAsync("/promo-codes/search?q=" + new string('A', 101), Ct)).StatusCode);
        // Another location's session finds nothing of this one's.
        var away = await AdminAtAsync(factory, world.Away);
        Assert.Empty((await away.Client.GetFromJsonAsync<List<CheckOptionJson>>("/promo-codes/search?q=SUMM", Ct))!);

        // Without JavaScript the search button re-renders the page with the matches; a refused post keeps the picked code shown and picked.
        var searched = await WebSession.ParseAsync(await session.SubmitAsync(page, "form[data-bulk-form]", new() { ["Selection"] = ["Codes"], ["CodeSearch"] = ["mer10"], ["Command"] = ["find-codes"] }));
        Assert.Equal([summer.Id.ToString()], searched.QuerySelectorAll("[data-name='CodeIds'] input[type=checkbox]").Select(o => o.GetAttribute("value")));
        var refused = await WebSession.ParseAsync(await session.SubmitAsync(page, "form[data-bulk-form]", new() { ["Selection"] = ["Codes"], ["CodeIds"] = [summer.Id.ToString()] }));
        Assert.Contains(summer.Id.ToString(), Checked(refused, "CodeIds"));
        Assert.True(refused.QuerySelector("[data-error-summary]") is not null);
    }

    private sealed record CheckOptionJson(string Value, string Label, string? Hint);

    private async Task<string> FirstBatchCodeAsync(int batchId)
    {
        await using var scope = factory.Db();
        return await scope.Context.PromoCodes.Where(c => c.BatchId == batchId).OrderBy(c => c.Id).Select(c => c.Code).FirstAsync(Ct);
    }
}
