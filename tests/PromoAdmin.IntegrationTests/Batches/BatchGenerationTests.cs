using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Batches;

[Collection(nameof(BatchJobsCollection))]
public sealed partial class BatchGenerationTests(BatchJobsApp factory)
{
    private HttpClient Api => factory.ApiClient();

    [GeneratedRegex("^SPR-[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$")]
    private static partial Regex SpringCode();

    [Fact]
    public async Task A_50000_code_batch_is_unique_uses_the_alphabet_and_gives_every_code_the_settings()
    {
        await BatchKit.DrainAsync(factory); // the runner below counts the jobs it ran: this test's one only
        var w = await factory.WorldAsync();
        var id = await BatchKit.GenerateAsync(factory, new
        {
            locationKey = w.Home, name = "Spring " + w.Tag, method = "count", count = 50_000, codeLength = 8, prefix = "SPR-",
            settings = new
            {
                description = "Spring mailing", display = "15% off", redemptionType = "percentage", amount = 15, discountLimit = 40, quantity = 3,
                applicableTo = new[] { w.EventKey }, daysOfWeek = new[] { "sat" }, purchaseStart = "2026-03-01", purchaseEnd = "2026-05-31", orderMinimum = 25.5,
                eligibilityRules = new[] { new { type = "minimumQuantity", minimum = 2 } }, oneUsePerAccount = true, enabled = true,
            },
        });
        Assert.Equal(1, await BatchKit.Runner(factory, chunkSize: 7_000).RunPendingJobsAsync());

        await using var scope = factory.Db();
        var codes = await scope.Context.PromoCodes.AsNoTracking().Where(c => c.BatchId == id).ToListAsync();
        Assert.Equal(50_000, codes.Count);
        Assert.Equal(50_000, codes.Select(c => c.NormalizedCode).Distinct().Count());
        Assert.All(codes, c =>
        {
            Assert.Matches(SpringCode(), c.Code);
            Assert.Equal(PromoCode.Normalize(c.Code), c.NormalizedCode);
            Assert.Equal((w.HomeId, "Spring mailing", "15% off", 15m, 40m, (int?)3, 0), (c.LocationId, c.Description, c.Display, c.Amount, c.DiscountLimit, c.Inventory.Quantity, c.Inventory.TimesUsed));
            Assert.Equal([w.EventKey], c.ApplicableTo);
            Assert.Equal(BookingDays.Sat, c.DaysOfWeek);
            Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31), 25.5m), (c.PurchaseStart, c.PurchaseEnd, c.OrderMinimum));
            Assert.Equal(2, Assert.Single(c.EligibilityRules).Minimum);
            Assert.True(c.OneUsePerAccount && c.Enabled && !c.IsArchived);
            Assert.Null(c.AssignedCustomerId);
        });
        // Every character of the alphabet turns up about equally often (400,000 random characters, 12,500 expected each).
        var counts = codes.SelectMany(c => c.Code[4..]).GroupBy(ch => ch).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(CodeGenerator.Alphabet.Order(), counts.Keys.Order());
        Assert.All(counts.Values, n => Assert.InRange(n, 11_500, 13_500));

        var batch = await BatchKit.BatchAsync(factory, id);
        Assert.Equal(("ready", 100, 50_000, 50_000), (batch.GetProperty("status").GetString(), batch.GetProperty("progress").GetInt32(),
            batch.GetProperty("codeCount").GetInt32(), batch.GetProperty("generatedCount").GetInt32()));
    }

    [Fact]
    public async Task A_request_that_fills_more_than_one_percent_of_the_space_is_refused_naming_the_smallest_length()
    {
        var w = await factory.WorldAsync();
        var problem = await Api.PostAsJsonAsync("/api/v1/batches", new { locationKey = w.Home, name = "Too many", method = "count", count = 20_000, codeLength = 4 })
            .ExpectAsync(HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("codeLength").EnumerateArray()).GetString()!;
        Assert.Contains("20,000 codes of 4 characters would fill more than 1%", message);
        Assert.Contains("Use at least 5 characters.", message);

        // The limit counts the segment's members too.
        var (segmentId, _, _) = await factory.SegmentAsync("Big " + w.Tag, 10_486);
        var segment = await Api.PostAsJsonAsync("/api/v1/batches", new { locationKey = w.Home, name = "Per member", method = "segment", segmentId, codeLength = 4 })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Use at least 5 characters.", segment.GetProperty("errors").GetProperty("codeLength")[0].GetString());

        await using var scope = factory.Db();
        Assert.False(await scope.Context.Batches.AnyAsync(b => b.LocationId == w.HomeId));
    }

    [Fact]
    public async Task Bad_requests_get_a_message_per_field_and_queue_nothing()
    {
        var w = await factory.WorldAsync();
        var problem = await Api.PostAsJsonAsync("/api/v1/batches", new
        {
            locationKey = w.Home, name = "", method = "count", count = 1_000_001, codeLength = 33, prefix = "no spaces",
            settings = new { amount = 150, redemptionType = "percentage" },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equivalent(new[] { "name", "count", "codeLength", "prefix", "settings.amount" }, problem.ErrorFields());
        var noSegment = await Api.PostAsJsonAsync("/api/v1/batches", new { locationKey = w.Home, name = "x", method = "segment" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("segmentId", noSegment.ErrorFields());
        await using var scope = factory.Db();
        Assert.False(await scope.Context.Batches.AnyAsync(b => b.LocationId == w.HomeId));
    }

    [Fact]
    public async Task Segment_codes_are_one_per_member_assigned_to_that_customer_and_only_that_customer_can_apply_them()
    {
        var w = await factory.WorldAsync();
        var (segmentId, segmentName, members) = await factory.SegmentAsync("VIP " + w.Tag, 1_234);
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "VIP thanks " + w.Tag, method = "segment", segmentId, settings = new { amount = 20 } });
        var queued = await BatchKit.BatchAsync(factory, id);
        Assert.Equal((1_234, segmentName), (queued.GetProperty("requestedCount").GetInt32(), queued.GetProperty("segment").GetString()));
        await BatchKit.Runner(factory, chunkSize: 500).RunPendingJobsAsync();

        await using var scope = factory.Db();
        var codes = await scope.Context.PromoCodes.AsNoTracking().Where(c => c.BatchId == id).Select(c => new { c.Code, c.AssignedCustomerId }).ToListAsync();
        Assert.Equal(1_234, codes.Count);
        Assert.Equal(members.Select(m => (int?)m.Id).Order(), codes.Select(c => c.AssignedCustomerId).Order());
        Assert.Equal(1_234, codes.Select(c => c.Code).Distinct().Count());

        // The checkout (another feature) honours the assignment.
        var first = codes.First();
        var owner = members.Single(m => m.Id == first.AssignedCustomerId).Key;
        var stranger = members.First(m => m.Id != first.AssignedCustomerId).Key;
        object Body(string customer) => new
        {
            code = first.Code, locationKey = w.Home, channel = "online", customer = new { key = customer, isFirstOrder = false },
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 50m, quantity = 1 } },
        };
        var mine = await Api.PostAsJsonAsync("/api/v1/checkout/validate", Body(owner)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(mine.GetProperty("valid").GetBoolean(), mine.ToString());
        var theirs = await Api.PostAsJsonAsync("/api/v1/checkout/validate", Body(stranger)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(theirs.GetProperty("valid").GetBoolean());
        Assert.Equal("not_assigned_to_customer", theirs.GetProperty("errors")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_codes_endpoint_pages_the_batch_codes_with_their_customer()
    {
        var w = await factory.WorldAsync();
        var (segmentId, _, members) = await factory.SegmentAsync("Page " + w.Tag, 30);
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Paged " + w.Tag, method = "segment", segmentId });
        var before = await Api.GetAsync($"/api/v1/batches/{id}/codes").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, before.GetProperty("total").GetInt32());
        await BatchKit.Runner(factory).RunPendingJobsAsync();
        var page2 = await Api.GetAsync($"/api/v1/batches/{id}/codes?page=2&pageSize=20").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((30, 2, 10), (page2.GetProperty("total").GetInt32(), page2.GetProperty("page").GetInt32(), page2.GetProperty("items").GetArrayLength()));
        var keys = members.Select(m => m.Key).ToHashSet();
        Assert.All(page2.GetProperty("items").EnumerateArray(), c =>
        {
            Assert.Contains(c.GetProperty("assignedCustomerKey").GetString()!, keys);
            Assert.Equal(id, c.GetProperty("batchId").GetInt32());
            Assert.Equal("active", c.GetProperty("status").GetString());
        });
        await Api.GetAsync("/api/v1/batches/999999/codes").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_segment_batch_export_names_each_codes_customer()
    {
        var w = await factory.WorldAsync();
        var segment = await factory.SegmentAsync("Export " + w.Tag, 25);
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Export " + w.Tag, method = "segment", segmentId = segment.Id, settings = new { amount = 5 } });
        await BatchKit.Runner(factory, chunkSize: 10).RunPendingJobsAsync();

        var lines = (await Api.GetStringAsync($"/api/v1/batches/{id}/export", TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", [.. Domain.Export.PromoCodeCsv.Header, "Customer Key", "Customer Name", "Customer Email"]), lines[0]);
        Assert.Equal(26, lines.Length);
        await using var scope = factory.Db();
        var assigned = await scope.Context.PromoCodes.AsNoTracking().Where(c => c.BatchId == id)
            .Select(c => new { c.Code, c.AssignedCustomer!.Key, c.AssignedCustomer.Name, c.AssignedCustomer.Email })
            .ToDictionaryAsync(c => c.Code, c => new[] { c.Key, c.Name, c.Email! }, TestContext.Current.CancellationToken);
        var exported = lines[1..].Select(l => l.Split(',')).ToDictionary(cells => cells[0], cells => cells[^3..]);
        Assert.Equal(assigned.Keys.Order(), exported.Keys.Order());
        Assert.All(exported, e => Assert.Equal(assigned[e.Key], e.Value));
        // The customers are the segment's members, as TestData made them: key cust-{tag}-{n}, name "Customer {n}", email c{n}-{tag}@example.com.
        Assert.Equal(segment.Members.Select(m => m.Key).Order(), exported.Values.Select(v => v[0]).Order());
        Assert.All(exported.Values, v =>
        {
            var n = v[0][segment.MemberKeyPrefix.Length..];
            Assert.Equal(($"Customer {n}", $"c{n}-{segment.Tag}@example.com"), (v[1], v[2]));
        });
        Assert.All(lines[1..], l => Assert.Equal(Domain.Export.PromoCodeCsv.Header.Length + 3, l.Split(',').Length));
    }
}
