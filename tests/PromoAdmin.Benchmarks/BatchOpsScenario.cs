using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace PromoAdmin.Benchmarks;

/// <summary>
/// Batch-level operations (docs/benchmarks.md): a ready batch of 1,000,000 codes, then disable, enable, archive, unarchive
/// and a settings change (amount) through the API, three rounds, each timed (target under 2 s each); against a floor
/// measured in the same run: the same UPDATE of the same rows as raw SQL on one SqliteCommand (the app stopped); then archive
/// and unarchive again without the list indexes that hold IsArchived, one and then both, to show what each costs.
/// </summary>
public static class BatchOpsScenario
{
    private const int Rounds = 3;

    private static readonly string[] Operations = ["disable", "enable", "archive", "unarchive", "settings"];

    public static async Task RunAsync(int count)
    {
        var db = Path.Combine(Path.GetTempPath(), $"bench-batch-ops-{Guid.NewGuid():N}.db");
        await using (var boot = await AppProcess.StartAsync(db)) { } // migrate
        var loc = await Seeder.LocationAsync(db, "bench");
        var batchId = await ReadyBatchAsync(db, loc, "Benchmark batch", count);
        var warmId = await ReadyBatchAsync(db, loc, "Warm-up batch", 100);
        await Seeder.CodesAsync(db, loc, 100, batchId: warmId);
        var seed = Stopwatch.StartNew();
        await Seeder.CodesAsync(db, loc, count, batchId: batchId);
        Console.WriteLine($"seeded a ready batch of {count:N0} codes in {seed.Elapsed.TotalSeconds:F1} s");

        var app = Operations.ToDictionary(o => o, _ => new List<double>());
        var floor = Operations.ToDictionary(o => o, _ => new List<double>());
        await using (var process = await AppProcess.StartAsync(db))
        {
            using var http = process.Client();
            // Warm-up, untimed: each call once on a small batch of its own, so that the first timed call does not pay for the JIT
            // and EF's query compilation, which a running app has long paid.
            foreach (var op in Operations) await CallAsync(http, warmId, op, 0);
            // Rounds of the app's calls and of the floor alternate, so that a slow minute of this shared machine hits both.
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var op in Operations)
                {
                    var sw = Stopwatch.StartNew();
                    var updated = await CallAsync(http, batchId, op, round);
                    app[op].Add(sw.Elapsed.TotalSeconds);
                    if (updated != count) throw new InvalidOperationException($"{op} updated {updated:N0} codes, not {count:N0}");
                }
                Console.WriteLine($"round {round + 1} (API): " + string.Join(", ", Operations.Select(o => $"{o} {app[o][^1]:F2} s")));
                // The floor: the same statements as raw SQL, on a connection of its own with the app's pragmas, while the app idles.
                foreach (var (op, seconds) in Floor(db, batchId, count, Operations, round)) floor[op].Add(seconds);
                Console.WriteLine($"round {round + 1} (raw SQL): " + string.Join(", ", Operations.Select(o => $"{o} {floor[o][^1]:F2} s")));
            }
        }

        // What the indexes holding IsArchived cost archive and unarchive: the same statements once the group-list one is dropped
        // (the partial (GroupId, IsArchived) index holds none of these codes, which have no group), then once both are.
        string[] archiving = ["archive", "unarchive"];
        Drop(db, "IX_PromoCodes_LocationId_IsArchived_GroupId");
        var withoutGroupIndex = Repeat(() => Floor(db, batchId, count, archiving, 0), archiving);
        Drop(db, "IX_PromoCodes_LocationId_IsArchived_Id");
        var bare = Repeat(() => Floor(db, batchId, count, archiving, 0), archiving);

        Console.WriteLine($"RESULT batch-ops codes={count:N0} (median of {Rounds}; target < 2 s each) "
                          + string.Join(" ", Operations.Select(o => $"{o}={Median(app[o]):F2}s floor={Median(floor[o]):F2}s ratio={Median(app[o]) / Median(floor[o]):F2}"))
                          + $" floor_without_(LocationId,IsArchived,GroupId): archive={Median(withoutGroupIndex["archive"]):F2}s unarchive={Median(withoutGroupIndex["unarchive"]):F2}s"
                          + $" floor_without_both_IsArchived_indexes: archive={Median(bare["archive"]):F2}s unarchive={Median(bare["unarchive"]):F2}s");
        Console.WriteLine("all runs (s): " + string.Join("; ", Operations.Select(o => $"{o} app [{Join(app[o])}] floor [{Join(floor[o])}]"))
                          + $"; without (LocationId, IsArchived, GroupId) archive [{Join(withoutGroupIndex["archive"])}] unarchive [{Join(withoutGroupIndex["unarchive"])}]"
                          + $"; without both archive [{Join(bare["archive"])}] unarchive [{Join(bare["unarchive"])}]");
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);
    }

    private static async Task<int> ReadyBatchAsync(string db, int locationId, string name, int count)
    {
        await using var conn = Seeder.Open(db);
        var cmd = conn.CreateCommand();
        cmd.CommandText = """
            INSERT INTO Batches (LocationId, Name, Method, CodeLength, RequestedCount, GeneratedCount, Status, SettingsJson, CreatedAt, CompletedAt)
            VALUES ($loc, $name, 'Count', 10, $n, $n, 'Ready', '{"amount":10}', 0, 0) RETURNING Id
            """;
        cmd.Parameters.AddWithValue("$loc", locationId);
        cmd.Parameters.AddWithValue("$name", name);
        cmd.Parameters.AddWithValue("$n", count);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>One batch-level call; answers the number of codes updated.</summary>
    private static async Task<int> CallAsync(HttpClient http, int batchId, string op, int round)
    {
        var response = op == "settings"
            ? await http.PutAsJsonAsync($"/api/v1/batches/{batchId}/settings", new { amount = 11 + round })
            : await http.PostAsync($"/api/v1/batches/{batchId}/{op}", null);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{op}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("updated").GetInt32();
    }

    /// <summary>
    /// Each statement the app runs for <paramref name="ops"/> (as EF Core writes it: same columns, same WHERE), in order, each
    /// in a transaction of its own, timed from BEGIN to COMMIT.
    /// </summary>
    private static List<(string Op, double Seconds)> Floor(string db, int batchId, int count, string[] ops, int round)
    {
        var times = new List<(string, double)>();
        using var conn = new SqliteConnection($"Data Source={db}");
        conn.Open();
        using (var pragmas = conn.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
            pragmas.ExecuteNonQuery();
        }
        foreach (var op in ops)
        {
            var now = DateTimeOffset.UtcNow.UtcTicks;
            var set = op switch
            {
                "disable" => $"\"Enabled\" = 0, \"UpdatedAt\" = {now} WHERE \"BatchId\" = $id AND \"Enabled\"",
                "enable" => $"\"Enabled\" = 1, \"UpdatedAt\" = {now} WHERE \"BatchId\" = $id AND NOT (\"Enabled\")",
                "archive" => $"\"IsArchived\" = 1, \"ArchivedAt\" = {now}, \"UpdatedAt\" = {now} WHERE \"BatchId\" = $id AND NOT (\"IsArchived\")",
                "unarchive" => $"\"IsArchived\" = 0, \"ArchivedAt\" = NULL, \"UpdatedAt\" = {now} WHERE \"BatchId\" = $id AND \"IsArchived\"",
                _ => $"\"Amount\" = '{21 + round}.0', \"UpdatedAt\" = {now} WHERE \"BatchId\" = $id",
            };
            var sw = Stopwatch.StartNew();
            using var tx = conn.BeginTransaction();
            using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "UPDATE \"PromoCodes\" SET " + set;
            cmd.Parameters.AddWithValue("$id", batchId);
            var rows = cmd.ExecuteNonQuery();
            tx.Commit();
            times.Add((op, sw.Elapsed.TotalSeconds));
            if (rows != count) throw new InvalidOperationException($"floor {op} updated {rows:N0} rows, not {count:N0}");
        }
        return times;
    }

    /// <summary><see cref="Rounds"/> runs of <paramref name="run"/>, each op's times gathered.</summary>
    private static Dictionary<string, List<double>> Repeat(Func<List<(string Op, double Seconds)>> run, string[] ops)
    {
        var times = ops.ToDictionary(o => o, _ => new List<double>());
        for (var round = 0; round < Rounds; round++)
            foreach (var (op, seconds) in run()) times[op].Add(seconds);
        return times;
    }

    private static void Drop(string db, string index)
    {
        using var conn = Seeder.Open(db);
        using var drop = conn.CreateCommand();
        drop.CommandText = $"DROP INDEX \"{index}\";";
        drop.ExecuteNonQuery();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Join(List<double> values) => string.Join(" ", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));
}
