using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Hardening;

/// <summary>Idempotency-Key as Stripe's contract has it, through a crash and a client that hangs up (docs/errors.md).</summary>
public sealed class IdempotencyTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Cart(string location, string item, string code, string order) => new
    {
        code, locationKey = location, orderNumber = order,
        lines = new[] { new { lineId = "1", itemKey = item, unitPrice = 40m, quantity = 1 } },
    };

    private static HttpRequestMessage Redeem(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout/redeem") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task A_burst_of_redeems_cut_by_a_kill_9_replays_to_exactly_one_redemption_per_successful_answer()
    {
        const int Start = 1_000, Keys = 120;
        var path = Path.Combine(Path.GetTempPath(), "promoadmin-tests", $"crash-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var first = await AppProcess.StartAsync(path);
        string code;
        using (var api = first.Client())
        {
            await api.PostAsJsonAsync("/api/v1/locations", new { key = "crash", name = "Crash", timeZone = "UTC" }, Ct).ExpectAsync(HttpStatusCode.Created);
            await api.PostAsJsonAsync("/api/v1/catalog-items", new { key = "crash-item", name = "Item", kind = "item" }, Ct).ExpectAsync(HttpStatusCode.Created);
            code = (await api.PostAsJsonAsync("/api/v1/promo-codes", new { code = "CRASH10", locationKey = "crash", amount = 10, quantity = Start }, Ct)
                .ExpectAsync(HttpStatusCode.Created)).GetProperty("code").GetString()!;
        }

        // The burst: 16 at a time; the process dies once a quarter has answered, with others in flight.
        var answers = new ConcurrentDictionary<string, long?>(); // key -> redemption id of a 200 before the kill
        var keys = Enumerable.Range(0, Keys).Select(i => $"crash-{i}-{Guid.NewGuid():N}").ToArray();
        var killed = new TaskCompletionSource();
        using (var api = first.Client())
        {
            var next = -1;
            var workers = Enumerable.Range(0, 16).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Keys && !killed.Task.IsCompleted)
                {
                    try
                    {
                        var response = await api.SendAsync(Redeem(Cart("crash", "crash-item", code, $"ORD-{i}"), keys[i]), Ct);
                        if (response.StatusCode == HttpStatusCode.OK)
                            answers[keys[i]] = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("redemptionId").GetInt64();
                        if (answers.Count >= Keys / 4 && killed.TrySetResult()) first.Kill();
                    }
                    catch (HttpRequestException) { } // the process died under this request
                    catch (TaskCanceledException) { }
                }
            }).ToArray();
            await Task.WhenAll(workers);
        }
        await first.DisposeAsync();
        Assert.True(killed.Task.IsCompleted, "the burst ended before the kill");

        // The keys the dead process still held: each keeps the lease it claimed, no longer than the store's lease.
        var claimed = await ClaimedKeysAsync(path);
        Assert.All(claimed.Values, c => Assert.True(c.LeaseUntil - c.CreatedAt <= IdempotencyStore.Lease, $"{c}"));

        // Restart on the same file and replay every key with its own body. A key answers at once, unless the dead process
        // still held it: then it is in progress (409 with Retry-After) until that lease runs out, and the first retry
        // after it takes the key over and answers.
        await using var second = await AppProcess.StartAsync(path);
        using var again = second.Client();
        var replayed = new Dictionary<string, long>();
        for (var i = 0; i < Keys; i++)
        {
            var response = await again.SendAsync(Redeem(Cart("crash", "crash-item", code, $"ORD-{i}"), keys[i]), Ct);
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.True(claimed.TryGetValue(keys[i], out var lease), $"key {i} in progress, but the dead process did not hold it");
                Assert.True(int.Parse(response.Headers.RetryAfter!.ToString()) >= 1);
                while (DateTimeOffset.UtcNow <= lease.LeaseUntil) await Task.Delay(lease.LeaseUntil - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(10), Ct);
                response = await again.SendAsync(Redeem(Cart("crash", "crash-item", code, $"ORD-{i}"), keys[i]), Ct);
            }
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"key {i}: {(int)response.StatusCode} {body}");
            replayed[keys[i]] = JsonDocument.Parse(body).RootElement.GetProperty("redemptionId").GetInt64();
        }

        // An answer given before the kill is the answer given after it.
        foreach (var (key, id) in answers) Assert.Equal(id, replayed[key]);
        var distinct = replayed.Values.Distinct().Count();
        Assert.Equal(Keys, distinct);
        await using var db = new SqliteConnection($"Data Source={path}");
        await db.OpenAsync(Ct);
        var command = db.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM Redemptions), i.Quantity, i.TimesUsed
            FROM PromoCodeInventory i JOIN PromoCodes c ON c.Id = i.PromoCodeId WHERE c.Code = $code
            """;
        command.Parameters.AddWithValue("$code", code);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var (rows, remaining, used) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        Assert.Equal(distinct, rows);
        Assert.Equal(distinct, used);
        Assert.Equal(Start, remaining + used);
        reader.Close();
        await db.CloseAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
    }

    [Fact]
    public async Task A_client_that_hangs_up_mid_redeem_leaves_nothing_pending_and_its_retry_runs_at_once()
    {
        var w = await factory.WorldAsync();
        await factory.AddCodeAsync(w.HomeId, w.Code("HANG"), c => (c.Amount, c.Inventory.Quantity) = (10, 5));
        var key = "hang-" + w.Tag;
        var body = Cart(w.Home, w.ItemKey, w.Code("HANG"), "HANG-1");
        var before = factory.Log.Events.Count;

        // Hold the redeem at the SQLite write gate, after it has claimed its key; then the client hangs up.
        var gate = factory.Services.GetRequiredService<WriteGate>();
        await using var holder = factory.Db();
        var held = await gate.EnterAsync(holder.Context, Ct);
        using var hangUp = new CancellationTokenSource();
        var call = factory.ApiClient().SendAsync(Redeem(body, key), hangUp.Token);
        await UntilPendingAsync(key);
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        held.Dispose();

        // Nothing pending, nothing taken: the retry owns the key at once and redeems. The key is released as the request
        // unwinds in the app, after its client has gone: wait until the app has finished it.
        await factory.Requests.IdleAsync();
        Assert.False(await PendingAsync(key));
        var retry = await factory.ApiClient().SendAsync(Redeem(body, key), Ct);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await using var check = factory.Db();
        Assert.Equal(4, await check.Context.PromoCodes.Where(c => c.Code == w.Code("HANG")).Select(c => c.Inventory.Quantity).FirstAsync(Ct));
        Assert.Empty(factory.Log.ErrorsSince(before));
    }

    [Fact]
    public async Task Races_and_hang_ups_under_load_leave_no_error_in_the_log()
    {
        var w = await factory.WorldAsync();
        await factory.AddCodeAsync(w.HomeId, w.Code("RACE"), c => (c.Amount, c.OneUsePerAccount) = (10, true));
        var before = factory.Log.Events.Count;
        var api = factory.ApiClient();
        object OneUse(string order, string customer = "racer") => new
        {
            code = w.Code("RACE"), locationKey = w.Home, orderNumber = order, customer = new { key = customer + "-" + w.Tag },
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 40m, quantity = 1 } },
        };

        // Lost idempotency claims, one-use-per-account losers, duplicate codes: each a unique index stopping a write.
        var sameKey = await Burst.RunAsync(16, _ => api.SendAsync(Redeem(OneUse("RACE-1"), "race-" + w.Tag)));
        var sameAccount = await Burst.RunAsync(16, i => api.PostAsJsonAsync("/api/v1/checkout/redeem", OneUse($"RACE-A{i}")));
        var sameCode = await Burst.RunAsync(8, _ => api.PostAsJsonAsync("/api/v1/promo-codes", new { code = w.Code("TWIN"), locationKey = w.Home, amount = 5 }));
        Assert.All(sameKey.Concat(sameAccount).Concat(sameCode), r => Assert.True((int)r.StatusCode < 500, $"{(int)r.StatusCode}"));
        Assert.Single(sameCode, r => r.StatusCode == HttpStatusCode.Created);

        // Clients that hang up while their requests wait.
        var gate = factory.Services.GetRequiredService<WriteGate>();
        await using (var holder = factory.Db())
        {
            var held = await gate.EnterAsync(holder.Context, Ct);
            using var hangUp = new CancellationTokenSource();
            var calls = Enumerable.Range(0, 5).Select(i => api.SendAsync(Redeem(OneUse($"GONE-{i}", $"leaver{i}"), $"gone-{i}-{w.Tag}"), hangUp.Token)).ToList();
            for (var i = 0; i < 5; i++)
                await UntilPendingAsync($"gone-{i}-{w.Tag}");
            await hangUp.CancelAsync();
            foreach (var call in calls) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            held.Dispose();
        }
        await factory.Requests.IdleAsync(); // the requests whose clients hung up have finished, and logged what they had to
        Assert.Empty(factory.Log.ErrorsSince(before));
    }

    /// <summary>Waits until a request has claimed the key: the arrangement's step, not a verdict.</summary>
    private Task UntilPendingAsync(string key) => Eventually.UntilAsync(() => PendingAsync(key), $"no request claimed {key}");

    /// <summary>The idempotency keys still claimed (no answer recorded) in the database file at <paramref name="path"/>.</summary>
    private static async Task<Dictionary<string, (DateTimeOffset CreatedAt, DateTimeOffset LeaseUntil)>> ClaimedKeysAsync(string path)
    {
        var options = new DbContextOptionsBuilder<PromoAdminDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
        await using var db = new PromoAdminDbContext(options.Options);
        var claimed = await db.IdempotencyRecords.AsNoTracking().Where(r => r.StatusCode == 0).Select(r => new { r.Key, r.CreatedAt, r.LeaseUntil }).ToListAsync(Ct);
        return claimed.ToDictionary(r => r.Key, r => (r.CreatedAt, r.LeaseUntil));
    }

    private async Task<bool> PendingAsync(string key)
    {
        await using var scope = factory.Db();
        return await scope.Context.IdempotencyRecords.AnyAsync(r => r.Key == key && r.StatusCode == 0, Ct);
    }
}
