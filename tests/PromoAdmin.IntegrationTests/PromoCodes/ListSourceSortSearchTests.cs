using System.Net;
using AngleSharp.Html.Dom;
using PromoAdmin.Domain.Batches;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.PromoCodes;

/// <summary>The list's source, sort and search, the same in the API and on the page (docs/rules.md#lists).</summary>
public sealed class ListSourceSortSearchTests(SharedApp factory)
{
    private HttpClient Api => factory.ApiClient();

    private sealed record Listed(TestWorld World, int BatchId, string BatchName);

    /// <summary>
    /// Four hand-made codes whose columns each sort differently, and three codes of a ready batch; one hand-made code has
    /// the batch codes' amount, to show ties go by creation order.
    /// </summary>
    private async Task<Listed> CodesAsync()
    {
        var w = await factory.WorldAsync();
        var batchName = "Spring " + w.Tag;
        int batchId;
        await using (var scope = factory.Db())
        {
            var batch = new Batch
            {
                LocationId = w.HomeId, Name = batchName, SettingsJson = "{}", Status = BatchStatus.Ready, RequestedCount = 3, GeneratedCount = 3,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            scope.Context.Batches.Add(batch);
            await scope.Context.SaveChangesAsync();
            batchId = batch.Id;
        }
        var t0 = DateTimeOffset.UtcNow.AddDays(-10);
        // name, amount, remaining (null: unlimited), used, updated (days after t0)
        foreach (var (name, amount, remaining, used, updated) in new (string, decimal, int?, int, int)[]
                 {
                     ("SUMMER10", 10m, 5, 3, 4), ("WINTER", 25m, null, 0, 1), ("AUTUMN-SALE", 5m, 1, 7, 3), ("BOXING", 7m, 40, 1, 2),
                 })
            await factory.AddCodeAsync(w.HomeId, w.Code(name), c =>
            {
                c.Amount = amount;
                c.Inventory = new() { Quantity = remaining, TimesUsed = used };
                c.UpdatedAt = t0.AddDays(updated);
            });
        foreach (var name in new[] { "B1", "B2", "B3" })
            await factory.AddCodeAsync(w.HomeId, w.Code(name), c => { c.BatchId = batchId; c.Amount = 7m; c.UpdatedAt = t0; });
        return new Listed(w, batchId, batchName);
    }

    private async Task<string[]> CodesOfAsync(TestWorld w, string query)
    {
        var list = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&pageSize=50{query}").ExpectAsync(HttpStatusCode.OK);
        return [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()![..^w.Tag.Length])];
    }

    [Fact]
    public async Task The_api_lists_hand_made_codes_unless_asked_for_batch_codes_and_a_batch_lists_its_own()
    {
        var (w, batchId, _) = await CodesAsync();
        Assert.Equal(["BOXING", "AUTUMN-SALE", "WINTER", "SUMMER10"], await CodesOfAsync(w, ""));
        Assert.Equal(["BOXING", "AUTUMN-SALE", "WINTER", "SUMMER10"], await CodesOfAsync(w, "&source=manual"));
        Assert.Equal(["B3", "B2", "B1"], await CodesOfAsync(w, "&source=batch"));
        Assert.Equal(["B3", "B2", "B1", "BOXING", "AUTUMN-SALE", "WINTER", "SUMMER10"], await CodesOfAsync(w, "&source=all"));
        // Narrowed to a batch, the list shows that batch's codes without being told the source.
        Assert.Equal(["B3", "B2", "B1"], await CodesOfAsync(w, $"&batchId={batchId}"));
        var item = (await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&source=batch&pageSize=1").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("items")[0];
        Assert.Equal(batchId, item.GetProperty("batchId").GetInt32());
    }

    [Theory]
    [InlineData("mer10", new[] { "SUMMER10" })]
    [InlineData("MER-10", new[] { "SUMMER10" })]
    [InlineData("n sa", new[] { "AUTUMN-SALE" })]
    [InlineData("nter", new[] { "WINTER" })]
    [InlineData("xyz", new string[0])]
    public async Task The_code_filter_matches_anywhere_in_the_code_ignoring_case_spaces_and_hyphens(string typed, string[] expected)
    {
        var (w, _, _) = await CodesAsync();
        Assert.Equal(expected, await CodesOfAsync(w, "&code=" + Uri.EscapeDataString(typed)));
    }

    [Fact]
    public async Task The_code_filter_searches_batch_codes_when_asked_and_within_a_batch()
    {
        var (w, batchId, _) = await CodesAsync();
        // The whole text, tag and all: "b2" alone could be in another code's hex tag.
        var typed = w.Code("B2").ToLowerInvariant();
        Assert.Empty(await CodesOfAsync(w, "&code=" + typed));
        Assert.Equal(["B2"], await CodesOfAsync(w, $"&code={typed}&source=batch"));
        Assert.Equal(["B2"], await CodesOfAsync(w, $"&code={typed}&batchId={batchId}"));
    }

    [Theory]
    [InlineData("code", "asc", new[] { "AUTUMN-SALE", "BOXING", "SUMMER10", "WINTER" })]
    [InlineData("code", "desc", new[] { "WINTER", "SUMMER10", "BOXING", "AUTUMN-SALE" })]
    [InlineData("amount", "desc", new[] { "WINTER", "SUMMER10", "BOXING", "AUTUMN-SALE" })]
    [InlineData("amount", "asc", new[] { "AUTUMN-SALE", "BOXING", "SUMMER10", "WINTER" })]
    [InlineData("remaining", "desc", new[] { "WINTER", "BOXING", "SUMMER10", "AUTUMN-SALE" })]
    [InlineData("remaining", "asc", new[] { "AUTUMN-SALE", "SUMMER10", "BOXING", "WINTER" })]
    [InlineData("used", "desc", new[] { "AUTUMN-SALE", "SUMMER10", "BOXING", "WINTER" })]
    [InlineData("updated", "desc", new[] { "SUMMER10", "AUTUMN-SALE", "BOXING", "WINTER" })]
    [InlineData("created", "asc", new[] { "SUMMER10", "WINTER", "AUTUMN-SALE", "BOXING" })]
    [InlineData("created", "desc", new[] { "BOXING", "AUTUMN-SALE", "WINTER", "SUMMER10" })]
    public async Task The_api_sorts_on_each_named_column_both_ways(string sort, string dir, string[] expected)
    {
        var (w, _, _) = await CodesAsync();
        Assert.Equal(expected, await CodesOfAsync(w, $"&sort={sort}&dir={dir}"));
    }

    [Fact]
    public async Task A_sort_without_a_direction_reads_codes_a_to_z_and_numbers_biggest_first_and_ties_go_by_creation()
    {
        var (w, _, _) = await CodesAsync();
        Assert.Equal(["AUTUMN-SALE", "BOXING", "SUMMER10", "WINTER"], await CodesOfAsync(w, "&sort=code"));
        Assert.Equal(["WINTER", "SUMMER10"], (await CodesOfAsync(w, "&sort=amount"))[..2]);
        // Amount 7: BOXING (hand-made) and the three batch codes, newest first as the direction is descending.
        Assert.Equal(["B3", "B2", "B1", "BOXING"], (await CodesOfAsync(w, "&source=all&sort=amount"))[2..6]);
        Assert.Equal(["BOXING", "B1", "B2", "B3"], (await CodesOfAsync(w, "&source=all&sort=amount&dir=asc"))[1..5]);
    }

    [Fact]
    public async Task Paging_a_sorted_list_neither_repeats_nor_skips_a_code()
    {
        var (w, _, _) = await CodesAsync();
        var all = await CodesOfAsync(w, "&source=all&sort=amount");
        var paged = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var list = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&source=all&sort=amount&pageSize=2&page={page}").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(7, list.GetProperty("total").GetInt32());
            paged.AddRange(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()![..^w.Tag.Length]));
        }
        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task An_unknown_sort_direction_or_source_is_refused_with_every_mistake_at_once()
    {
        var w = await factory.WorldAsync();
        var problem = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&sort=price&dir=up&source=imported").ExpectAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["dir", "sort", "source"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("code, amount, remaining, used", errors.GetProperty("sort")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_offers_the_source_shows_the_batch_column_for_batch_codes_and_sorts_from_its_headers()
    {
        var (w, batchId, batchName) = await CodesAsync();
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        string[] Rows(IHtmlDocument page) => [.. page.QuerySelectorAll("tbody tr[data-code]").Select(r => r.GetAttribute("data-code")![..^w.Tag.Length])];

        var page = await session.GetPageAsync("/promo-codes");
        Assert.Equal("manual", ((IHtmlSelectElement)page.QuerySelector("#filter-source")!).Value);
        Assert.Equal(["BOXING", "AUTUMN-SALE", "WINTER", "SUMMER10"], Rows(page));
        Assert.Null(page.QuerySelector("td[data-testid=batch]"));

        page = await session.GetPageAsync("/promo-codes?source=all");
        Assert.Equal(7, Rows(page).Length);
        var batchCell = page.QuerySelector("tr[data-code='" + w.Code("B3") + "'] td[data-testid=batch] a")!;
        Assert.Equal((batchName, $"/batches/{batchId}"), (batchCell.TextContent, batchCell.GetAttribute("href")));
        Assert.Equal("Hand-made", page.QuerySelector("tr[data-code='" + w.Code("WINTER") + "'] td[data-testid=batch]")!.TextContent.Trim());

        // The Used header sorts most used first, keeps the filters, and the next click turns the order round.
        var used = page.QuerySelectorAll("th a.sort-link").Single(a => a.TextContent == "Used").GetAttribute("href")!;
        Assert.Contains("source=all", used, StringComparison.Ordinal);
        page = await session.GetPageAsync(used);
        Assert.Equal(["AUTUMN-SALE", "SUMMER10", "BOXING"], Rows(page)[..3]);
        var header = page.QuerySelectorAll("th").Single(th => th.TextContent.Trim() == "Used");
        Assert.Equal("descending", header.GetAttribute("aria-sort"));
        page = await session.GetPageAsync(header.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal("ascending", page.QuerySelectorAll("th").Single(th => th.TextContent.Trim() == "Used").GetAttribute("aria-sort"));

        page = await session.GetPageAsync("/promo-codes?code=mer10");
        Assert.Equal(["SUMMER10"], Rows(page));
    }

    [Fact]
    public async Task A_location_with_only_batch_codes_says_where_they_are_and_the_sort_select_starts_on_the_usual_direction()
    {
        var (w, _, _) = await CodesAsync();
        var onlyBatch = await factory.WorldAsync();
        await using (var scope = factory.Db())
        {
            var batch = new Batch { LocationId = onlyBatch.HomeId, Name = "Only " + onlyBatch.Tag, SettingsJson = "{}", Status = BatchStatus.Ready, CreatedAt = DateTimeOffset.UtcNow };
            scope.Context.Batches.Add(batch);
            await scope.Context.SaveChangesAsync();
            await factory.AddCodeAsync(onlyBatch.HomeId, onlyBatch.Code("X1"), c => c.BatchId = batch.Id);
        }
        var page = await (await WebSession.SignedInAsync(factory)).At(onlyBatch.Home).GetPageAsync("/promo-codes");
        Assert.Equal("/promo-codes?source=all", page.QuerySelector("[data-testid=all-codes-link]")!.GetAttribute("href"));

        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        page = await session.GetPageAsync("/promo-codes?sort=code");
        Assert.Equal("", ((IHtmlSelectElement)page.QuerySelector("#list-dir")!).Value);
        Assert.Equal("AUTUMN-SALE" + w.Tag.ToUpperInvariant(), page.QuerySelector("tbody tr[data-code]")!.GetAttribute("data-code"));
        page = await session.GetPageAsync("/promo-codes?sort=code&dir=desc");
        Assert.Equal("desc", ((IHtmlSelectElement)page.QuerySelector("#list-dir")!).Value);
    }

    [Fact]
    public async Task The_csv_exports_what_the_list_shows_in_its_order()
    {
        var (w, _, _) = await CodesAsync();
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        var page = await session.GetPageAsync("/promo-codes?sort=amount&dir=asc");
        var export = page.QuerySelector("a[download]")!.GetAttribute("href")!;
        var csv = await session.Client.GetStringAsync(export);
        var codes = csv.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0].Trim('"')[..^w.Tag.Length]).ToArray();
        Assert.Equal(["AUTUMN-SALE", "BOXING", "SUMMER10", "WINTER"], codes);
    }
}
