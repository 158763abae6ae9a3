using System.Diagnostics;
using System.Globalization;

namespace PromoAdmin.Benchmarks;

/// <summary>
/// The reports (docs/benchmarks.md): with 1,000,000 codes and 1,000,000 redemptions in the database, every report answers
/// in under 300 ms at the median. The redemptions spread evenly over the last 365 days (a year's history;
/// BENCH_REPORT_SPAN=90 puts all of them inside the longer window): half on 50,000 hand-made codes (about ten each), half on
/// batch codes (one each), 3% voided, one in ten in a campaign.
/// </summary>
public static class ReportsScenario
{
    public static async Task RunAsync(int count)
    {
        var db = Path.Combine(Path.GetTempPath(), $"bench-reports-{Guid.NewGuid():N}.db");
        var span = int.TryParse(Environment.GetEnvironmentVariable("BENCH_REPORT_SPAN"), out var days) ? days : 365;
        await using (var boot = await AppProcess.StartAsync(db)) { }
        var loc = await Seeder.LocationAsync(db, "bench");
        var seed = Stopwatch.StartNew();
        await using (var conn = Seeder.Open(db))
        {
            var cmd = conn.CreateCommand();
            cmd.CommandText = "INSERT INTO PromoCodeGroups (Name, CreatedAt) VALUES ('Seasonal', 0); INSERT INTO Campaigns (Name, BudgetDiscountUsed, BudgetRedemptionsUsed) VALUES ('Spring', 0, 0);";
            await cmd.ExecuteNonQueryAsync();
        }
        var handMade = count / 20;
        await Seeder.CodesAsync(db, loc, handMade, groupId: 1);
        var batches = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var batch = await BatchOpsScenario.ReadyBatchAsync(db, loc, $"Batch {i + 1}", (count - handMade) / 5);
            await Seeder.CodesAsync(db, loc, (count - handMade) / 5, batchId: batch);
            batches.Add(batch);
        }
        await using (var conn = Seeder.Open(db))
        {
            var cmd = conn.CreateCommand();
            cmd.CommandTimeout = 0;
            // Redemption i: even ones on a hand-made code (ids 1..handMade, about ten each), odd ones on their own batch code;
            // its day one of the span's, at this time of day; the code's group and batch kept as a redeem keeps them.
            cmd.CommandText = """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
                INSERT INTO Redemptions (PromoCodeId, CodeText, LocationId, OrderNumber, Discount, ShippingDiscount, CreditFromOverage, Status, RedeemedAt,
                  CampaignId, Channel, Day, GroupId, BatchId)
                SELECT p.Id, p.Code, p.LocationId, 'B-' || n.i, 100 + n.i % 2000, 0, 0, CASE WHEN n.i % 33 = 0 THEN 'Voided' ELSE 'Applied' END,
                  $now - (n.i % $span) * 864000000000, CASE WHEN n.i % 10 = 0 THEN 1 END, 'online', date($today, '-' || (n.i % $span) || ' days'), p.GroupId, p.BatchId
                FROM n JOIN PromoCodes AS p ON p.Id = CASE WHEN n.i % 2 = 0 THEN 1 + (n.i * 7919) % $handMade ELSE $handMade + (n.i + 1) / 2 END;
                """;
            var now = DateTimeOffset.UtcNow;
            cmd.Parameters.AddWithValue("$count", count);
            cmd.Parameters.AddWithValue("$handMade", handMade);
            cmd.Parameters.AddWithValue("$span", span);
            cmd.Parameters.AddWithValue("$now", now.UtcTicks);
            cmd.Parameters.AddWithValue("$today", DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime)
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await cmd.ExecuteNonQueryAsync();
            // The checkout's counters: each of the 90 days, every outcome for 40 codes and for no code.
            cmd.CommandText = """
                WITH RECURSIVE d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k < 89),
                  o(name) AS (VALUES ('valid'), ('redeemed'), ('code_not_found'), ('code_disabled'), ('quantity_exhausted'), ('outside_purchase_dates'),
                    ('order_minimum_not_met'), ('customer_limit_reached'), ('no_applicable_items'), ('purchase_time_not_allowed')),
                  c(id) AS (SELECT 0 UNION ALL SELECT id + 1 FROM c WHERE id < 40)
                INSERT INTO ValidationCounts (LocationId, Day, Outcome, PromoCodeId, Count)
                SELECT $loc, date($today, '-' || d.k || ' days'), o.name, c.id, 1 + (d.k * 31 + c.id * 7 + length(o.name)) % 50 FROM d, o, c;
                """;
            cmd.Parameters.AddWithValue("$loc", loc);
            await cmd.ExecuteNonQueryAsync();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await cmd.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"seeded {count:N0} codes and {count:N0} redemptions over {span} days in {seed.Elapsed.TotalSeconds:F1} s");

        await using var app = await AppProcess.StartAsync(db);
        using var http = app.Client();
        (string Name, string Url)[] reports =
        [
            ("redemptions per day, 30 days", "redemptions-daily?locationKey=bench"),
            ("redemptions per day, 90 days", "redemptions-daily?locationKey=bench&days=90"),
            ("redemptions per day, 90 days, every location", "redemptions-daily?days=90"),
            ("redemptions per day, 90 days, a group", "redemptions-daily?locationKey=bench&days=90&groupId=1"),
            ("redemptions per day, 90 days, a campaign", "redemptions-daily?locationKey=bench&days=90&campaignId=1"),
            ("redemptions per day, 90 days, a batch", $"redemptions-daily?locationKey=bench&days=90&batchId={batches[2]}"),
            ("top codes, 30 days", "top-codes?locationKey=bench"),
            ("top codes, 90 days", "top-codes?locationKey=bench&days=90"),
            ("top codes, 90 days, a batch", $"top-codes?locationKey=bench&days=90&batchId={batches[2]}"),
            ("refusals per day, 90 days", "refusals-daily?locationKey=bench&days=90"),
            ("refusals per day, 90 days, a group", "refusals-daily?locationKey=bench&days=90&groupId=1"),
            ("batch usage", "batch-usage?locationKey=bench"),
            ("expiring within 7 days", "expiring-soon?locationKey=bench"),
            ("less than 10% left", "running-low?locationKey=bench"),
        ];
        foreach (var (name, url) in reports)
        {
            for (var i = 0; i < 3; i++) (await http.GetAsync("/api/v1/reports/" + url)).EnsureSuccessStatusCode(); // warm-up
            var times = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var sw = Stopwatch.StartNew();
                var response = await http.GetAsync("/api/v1/reports/" + url);
                await response.Content.ReadAsByteArrayAsync();
                sw.Stop();
                response.EnsureSuccessStatusCode();
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"RESULT reports \"{name}\" {url}: median={times[10]:F0}ms p95={times[18]:F0}ms (target < 300 ms)");
        }
        if (Environment.GetEnvironmentVariable("BENCH_KEEP_DB") == "1") Console.WriteLine($"kept {db}");
        else File.Delete(db);
    }
}
