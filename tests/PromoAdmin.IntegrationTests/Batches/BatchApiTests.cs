using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Data;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Batches;

/// <summary>On the shared app, whose hosted worker runs in small chunks so that progress is visible.</summary>
public sealed class BatchApiTests(SharedApp factory)
{
    private HttpClient Api => factory.ApiClient();

    [Fact]
    public async Task Post_answers_202_and_the_batch_is_polled_until_ready_by_the_hosted_worker()
    {
        var w = await factory.WorldAsync();
        var response = await Api.PostAsJsonAsync("/api/v1/batches", new
        {
            locationKey = w.Home, name = "Polled " + w.Tag, method = "count", count = 20_000, codeLength = 10, settings = new { amount = 10, quantity = 1 },
        });
        var accepted = await Task.FromResult(response).ExpectAsync(HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetInt32();
        Assert.Equal(("generating", 0), (accepted.GetProperty("status").GetString(), accepted.GetProperty("progress").GetInt32()));
        Assert.EndsWith($"/api/v1/batches/{id}", response.Headers.Location!.ToString());

        // Polled as a client would, until the worker is done however long it takes; every answer's progress is kept.
        var seen = new List<int>();
        string? status = null;
        await Eventually.UntilAsync(async () =>
        {
            var batch = await Api.GetAsync($"/api/v1/batches/{id}").ExpectAsync(HttpStatusCode.OK);
            status = batch.GetProperty("status").GetString();
            seen.Add(batch.GetProperty("progress").GetInt32());
            return status != "generating";
        }, $"batch {id} still generating");
        Assert.Equal("ready", status);
        Assert.Equal(100, seen[^1]);
        Assert.Equal(seen.Order(), seen);

        var codes = await Api.GetAsync($"/api/v1/batches/{id}/codes?pageSize=500").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((20_000, 500), (codes.GetProperty("total").GetInt32(), codes.GetProperty("items").GetArrayLength()));
        var csv = await Api.GetAsync($"/api/v1/batches/{id}/export");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"batch-{id}-polled-", csv.Content.Headers.ContentDisposition!.ToString());
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20_001, lines.Length);
        Assert.Equal(string.Join(",", PromoAdmin.Domain.Export.PromoCodeCsv.Header), lines[0]); // a count batch's codes are for no one: no customer columns
        var listed = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&batchId={id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(20_000, listed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Batches_need_the_admin_scope()
    {
        var anonymous = factory.ApiClient(key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/batches")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/batches", new { name = "x" })).StatusCode);
    }

    [Fact]
    public void The_sql_server_insert_statements_parse()
    {
        var options = new DbContextOptionsBuilder<PromoAdminDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.SqlServer, "Server=(none);Database=PromoAdmin;Trusted_Connection=True");
        using var db = new PromoAdminDbContext(options.Options);
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        foreach (var (all, segment) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var sql = BatchCodeInserter.SqlServerStageTable + "\n" + BatchCodeInserter.SqlServerChunkLock + "\n"
                      + BatchCodeInserter.BuildSql(db, all, segment, sqlite: false) + "\n" + BatchCodeInserter.SqlServerInventory;
            parser.Parse(new StringReader(sql), out var errors);
            Assert.True(errors.Count == 0, sql + "\n" + string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
            // Chunks are serialised by an application lock; the range locks they once took deadlocked two instances (docs/decisions/ADR-002-concurrency-and-state.md).
            Assert.Contains("sp_getapplock", sql);
            Assert.DoesNotContain("HOLDLOCK", sql);
            Assert.Contains(segment ? "v.CustomerId" : "t.[AssignedCustomerId]", sql);
        }
    }
}
