using System.Net;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Data;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Batches;

[Collection(nameof(BatchJobsCollection))]
public sealed class BatchListTests(BatchJobsApp factory)
{
    private HttpClient Api => factory.ApiClient();

    private async Task<string[]> NamesAsync(string query)
    {
        var list = await Api.GetAsync("/api/v1/batches?" + query).ExpectAsync(HttpStatusCode.OK);
        return list.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task Name_and_segment_search_are_case_sensitive_in_the_database()
    {
        var w = await factory.WorldAsync();
        var (vip, _, _) = await factory.SegmentAsync("VIP Guests " + w.Tag, 3);
        var (vipLower, _, _) = await factory.SegmentAsync("vip guests " + w.Tag, 3);
        await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Spring Sale", method = "count", count = 5 });
        await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "spring sale", method = "count", count = 5 });
        await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Thanks A", method = "segment", segmentId = vip });
        await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Thanks B", method = "segment", segmentId = vipLower });
        await BatchKit.GenerateAsync(factory, new { locationKey = w.Away, name = "Spring Sale away", method = "count", count = 5 });

        Assert.Equal(["Spring Sale"], await NamesAsync($"locationKey={w.Home}&name=Spring"));
        Assert.Equal(["spring sale"], await NamesAsync($"locationKey={w.Home}&name=spring"));
        Assert.Equal(["Spring Sale", "spring sale"], await NamesAsync($"locationKey={w.Home}&name=ale"));
        Assert.Empty(await NamesAsync($"locationKey={w.Home}&name=SPRING"));
        Assert.Equal(["Thanks A"], await NamesAsync($"locationKey={w.Home}&segment=VIP"));
        Assert.Equal(["Thanks B"], await NamesAsync($"locationKey={w.Home}&segment=vip"));
        Assert.Equal(["Thanks A", "Thanks B"], await NamesAsync($"locationKey={w.Home}&segment=" + w.Tag));
        Assert.Equal(["Thanks A"], await NamesAsync($"locationKey={w.Home}&name=Thanks&segment=VIP"));
        Assert.Equal(["Spring Sale", "Spring Sale away"], (await NamesAsync("name=Spring%20Sale")).Where(n => n.StartsWith("Spring")).ToArray());

        // The page filters the same way.
        var session = await WebSession.SignedInAsync(factory);
        await session.SubmitAsync(await session.GetPageAsync("/batches"), "#location-switcher", new() { ["key"] = [w.Home] });
        var page = await session.GetPageAsync("/batches?name=spring");
        var rows = page.QuerySelectorAll("tr[data-batch-row] td:first-child a").Select(a => a.TextContent.Trim()).ToArray();
        Assert.Equal(["spring sale"], rows);
    }

    [Fact]
    public async Task The_list_pages_newest_first_with_the_code_count()
    {
        var w = await factory.WorldAsync();
        for (var i = 1; i <= 3; i++) await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = $"Paged {i}", method = "count", count = i * 10 });
        await BatchKit.Runner(factory).RunPendingJobsAsync();
        var page1 = await Api.GetAsync($"/api/v1/batches?locationKey={w.Home}&pageSize=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, page1.GetProperty("total").GetInt32());
        Assert.Equal(["Paged 3", "Paged 2"], page1.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToArray());
        Assert.Equal(30, page1.GetProperty("items")[0].GetProperty("codeCount").GetInt32());
        var page2 = await Api.GetAsync($"/api/v1/batches?locationKey={w.Home}&pageSize=2&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Paged 1", page2.GetProperty("items")[0].GetProperty("name").GetString());
        await Api.GetAsync("/api/v1/batches?locationKey=nowhere").ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void On_sql_server_the_filters_use_a_case_sensitive_collation()
    {
        var options = new DbContextOptionsBuilder<PromoAdminDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.SqlServer, "Server=(none);Database=PromoAdmin;Trusted_Connection=True");
        using var db = new PromoAdminDbContext(options.Options);
        var name = "Spring";
        var sql = db.Batches.Where(b => EF.Functions.Collate(b.Name, BatchService.CaseSensitiveCollation).Contains(name)).ToQueryString();
        Assert.Contains("COLLATE Latin1_General_CS_AS", sql);
    }

    [Fact]
    public void On_sqlite_contains_is_translated_to_instr_which_compares_case_sensitively()
    {
        var options = new DbContextOptionsBuilder<PromoAdminDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var db = new PromoAdminDbContext(options.Options);
        var name = "Spring";
        var sql = db.Batches.Where(b => b.Name.Contains(name)).ToQueryString();
        Assert.Contains("instr(", sql);
        Assert.DoesNotContain("LIKE", sql);
    }
}
