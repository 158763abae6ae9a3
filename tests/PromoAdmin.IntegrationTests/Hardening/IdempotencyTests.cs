using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.PromoCodes;
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

        // Restart on the same file and replay every key with its own body, retrying while the key is in progress.
        await using var second = await AppProcess.StartAsync(path);
        using var again = second.Client();
        var replayed = new Dictionary<string, long>();
        for (var i = 0; i < Keys; i++)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var response = await again.SendAsync(Redeem(Cart("crash", "crash-item", code, $"ORD-{i}"), keys[i]), Ct);
                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"key {i} still in progress after {clock.Elapsed}");
                    await Task.Delay(TimeSpan.FromSeconds(int.Parse(response.Headers.RetryAfter!.ToString())), Ct); // the protocol's Retry-After
                    continue;
                }
                var body = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"key {i}: {(int)response.StatusCode} {body}");
                replayed[keys[i]] = JsonDocument.Parse(body).RootElement.GetProperty("redemptionId").GetInt64();
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"key {i} answered after {clock.Elapsed}");
                break;
            }
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

        // Nothing pending, nothing taken: the retry owns the key at once and redeems.
        for (var i = 0; i < 200 && await PendingAsync(key); i++) await Task.Delay(10, Ct); // the release runs as the request unwinds
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
        Assert.Empty(factory.Log.ErrorsSince(before));
    }

    /// <summary>Waits (30 s at most) until a request has claimed the key: the arrangement's step, not a verdict.</summary>
    private async Task UntilPendingAsync(string key)
    {
        var clock = Stopwatch.StartNew();
        while (!await PendingAsync(key))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"no request claimed {key}");
            await Task.Delay(10, Ct);
        }
    }

    private async Task<bool> PendingAsync(string key)
    {
        await using var scope = factory.Db();
        return await scope.Context.IdempotencyRecords.AnyAsync(r => r.Key == key && r.StatusCode == 0, Ct);
    }
}
