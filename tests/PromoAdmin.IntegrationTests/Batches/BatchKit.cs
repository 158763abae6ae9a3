using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Customers;
using PromoAdmin.IntegrationTests.Infrastructure;
using PromoAdmin.Tests;

namespace PromoAdmin.IntegrationTests.Batches;

/// <summary>The app without its hosted batch worker: tests drive <see cref="BatchJobRunner"/> themselves, chunk by chunk.</summary>
public sealed class BatchFactory() : PromoAdminFactory(null, new Dictionary<string, string?>
{
    ["Batches:Worker:Enabled"] = "false",
});

public static class BatchKit
{
    /// <summary>A worker of its own (another "instance"), on its own clock.</summary>
    public static BatchJobRunner Runner(PromoAdminFactory factory, TimeProvider? clock = null, int chunkSize = 5_000, int maxAttempts = 5) =>
        new(factory.Services.GetRequiredService<IServiceScopeFactory>(), clock ?? TimeProvider.System,
            Options.Create(new BatchWorkerOptions { ChunkSize = chunkSize, MaxAttempts = maxAttempts, Lease = TimeSpan.FromSeconds(60) }),
            NullLogger<BatchJobRunner>.Instance);

    /// <summary>POSTs a generate request; expects 202 and returns the batch id.</summary>
    public static async Task<int> GenerateAsync(PromoAdminFactory factory, object body)
    {
        var accepted = await factory.ApiClient().PostAsJsonAsync("/api/v1/batches", body).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("generating", accepted.GetProperty("status").GetString());
        return accepted.GetProperty("id").GetInt32();
    }

    public static async Task<JsonElement> BatchAsync(PromoAdminFactory factory, int id) =>
        await factory.ApiClient().GetAsync($"/api/v1/batches/{id}").ExpectAsync(HttpStatusCode.OK);

    /// <summary>Customers with unique keys and a segment of them; returns the segment id and the customers' ids and keys.</summary>
    public static async Task<(int SegmentId, string SegmentName, List<(int Id, string Key)> Members)> SegmentAsync(PromoAdminFactory factory, string name, int members)
    {
        await using var scope = factory.Db();
        var db = scope.Context;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customers = Enumerable.Range(1, members).Select(i => new Customer { Key = $"cust-{tag}-{i}", Name = $"Customer {i}" }).ToList();
        db.Customers.AddRange(customers);
        var segment = new Segment { Name = name };
        segment.Members.AddRange(customers.Select(c => new SegmentMember { Customer = c }));
        db.Segments.Add(segment);
        await db.SaveChangesAsync();
        return (segment.Id, name, customers.Select(c => (c.Id, c.Key)).ToList());
    }

    public static async Task<int> CodeCountAsync(PromoAdminFactory factory, int batchId)
    {
        await using var scope = factory.Db();
        return await scope.Context.PromoCodes.CountAsync(c => c.BatchId == batchId);
    }
}
