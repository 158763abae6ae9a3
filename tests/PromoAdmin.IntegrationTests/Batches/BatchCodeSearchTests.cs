using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Batches;

/// <summary>
/// Searching batch codes anywhere in their text (docs/rules.md#lists): generated, cloned and renamed codes are all found,
/// and a search that matches few codes or thousands lists and counts every one of them.
/// </summary>
[Collection(nameof(BatchJobsCollection))]
public sealed class BatchCodeSearchTests(BatchJobsApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Id, List<(int Id, string Code)> Codes)> ReadyBatchAsync(TestWorld w, int count, string prefix)
    {
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = $"Search {prefix} {w.Tag}", method = "count", count, codeLength = 8, prefix });
        await BatchKit.Runner(factory).RunPendingJobsAsync();
        await using var scope = factory.Db();
        var codes = await scope.Context.PromoCodes.Where(c => c.BatchId == id).OrderBy(c => c.Id).Select(c => new { c.Id, c.Code }).ToListAsync(Ct);
        Assert.Equal(count, codes.Count);
        return (id, [.. codes.Select(c => (c.Id, c.Code))]);
    }

    private async Task<JsonElement> ListAsync(TestWorld w, string query) =>
        await factory.ApiClient().GetAsync($"/api/v1/promo-codes?locationKey={w.Home}{query}", Ct).ExpectAsync(HttpStatusCode.OK);

    private static List<string> Codes(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!)];

    [Fact]
    public async Task A_generated_batch_code_is_found_by_any_part_of_it_among_all_codes_and_within_its_batch()
    {
        var w = await factory.WorldAsync();
        var (batchId, codes) = await ReadyBatchAsync(w, 40, "S" + w.Tag);
        var code = codes[17].Code;
        // The random part alone, from its third character, typed in lower case with a hyphen: found wherever it sits.
        var part = code[^6..].ToLowerInvariant().Insert(2, "-");
        Assert.Contains(code, Codes(await ListAsync(w, $"&source=all&code={part}")));
        Assert.Contains(code, Codes(await ListAsync(w, $"&source=batch&code={part}")));
        Assert.Equal([code], Codes(await ListAsync(w, $"&batchId={batchId}&code={code[2..]}")));
        // Hand-made codes only, the default: not there.
        Assert.DoesNotContain(code, Codes(await ListAsync(w, $"&code={code}")));
    }

    [Fact]
    public async Task A_cloned_or_renamed_batch_code_is_found_by_its_new_text_and_no_longer_by_its_old()
    {
        var w = await factory.WorldAsync();
        var (batchId, codes) = await ReadyBatchAsync(w, 3, "R" + w.Tag);
        var cloned = await factory.ApiClient().PostAsJsonAsync($"/api/v1/promo-codes/{codes[0].Id}/clone?locationKey={w.Home}", new { count = 2 }, Ct)
            .ExpectAsync(HttpStatusCode.Created);
        foreach (var clone in cloned.GetProperty("codes").EnumerateArray().Select(c => c.GetProperty("code").GetString()!))
            Assert.Equal([clone], Codes(await ListAsync(w, $"&source=all&code={clone}")));

        var renamed = w.Code("RENAMED");
        await factory.ApiClient().PutAsJsonAsync($"/api/v1/promo-codes/{codes[1].Id}?locationKey={w.Home}", new { code = renamed, amount = 10 }, Ct)
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([renamed], Codes(await ListAsync(w, $"&source=all&code=named{w.Tag}")));
        Assert.Equal([renamed], Codes(await ListAsync(w, $"&batchId={batchId}&code={renamed}")));
        Assert.Empty(Codes(await ListAsync(w, $"&source=all&code={codes[1].Code}")));
    }

    [Theory]
    [InlineData(1_500)] // more than one pass finds at once: counted, then paged
    [InlineData(2_100)] // more than the batches' texts hand on: searched in the database
    public async Task A_search_matching_thousands_of_batch_codes_counts_them_all_and_pages_them_newest_first(int count)
    {
        var w = await factory.WorldAsync();
        var prefix = "M" + w.Tag;
        var (_, codes) = await ReadyBatchAsync(w, count, prefix);
        var first = await ListAsync(w, $"&source=all&code={prefix}&pageSize=100");
        Assert.Equal(count, first.GetProperty("total").GetInt32());
        Assert.Equal(codes.Select(c => c.Code).Reverse().Take(100), Codes(first));
        var last = await ListAsync(w, $"&source=all&code={prefix}&pageSize=100&page={(count + 99) / 100}");
        Assert.Equal(codes.Select(c => c.Code).Take(count % 100 == 0 ? 100 : count % 100).Reverse(), Codes(last));
        // Sorted by code, the same codes a to z.
        var byCode = await ListAsync(w, $"&source=all&code={prefix}&pageSize=100&sort=code&dir=asc");
        Assert.Equal(codes.Select(c => c.Code).Order(StringComparer.Ordinal).Take(100), Codes(byCode));
    }
}
