using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace PromoAdmin.Benchmarks;

/// <summary>
/// Batch-level operations (docs/benchmarks.md): a ready batch of 1,000,000 codes, then disable, enable, archive, unarchive
/// and a settings change (amount) through the API, three rounds, each timed (target under 2 s each); against a floor
/// measured in the same run: the same statements as raw SQL on one SqliteCommand while the app idles (the batch's switch and
/// its code count for the first four, the UPDATE of every code for settings), committed as the app commits them (the WAL
/// checkpoint after the commit, not in it); and, for scale, what disabling every code's own row costs (the statement
/// batch-level disable ran before the batch had a switch).
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
                    Settle(db);
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

        // For scale: the per-code statement batch-level disable was before the batch had a switch, on the same file.
        // And settings committed with SQLite's automatic checkpoint in the commit, as before LargeWrites.
        string[] perCode = ["codes-disable", "codes-enable", "settings-checkpoint-in-commit"];
        var rows = Repeat(() => Floor(db, batchId, count, perCode, 0), perCode);

        Console.WriteLine($"RESULT batch-ops codes={count:N0} (median of {Rounds}; target < 2 s each) "
                          + string.Join(" ", Operations.Select(o => $"{o}={Median(app[o]):F3}s floor={Median(floor[o]):F3}s"))
                          + $" every_code_row_disable={Median(rows["codes-disable"]):F2}s every_code_row_enable={Median(rows["codes-enable"]):F2}s"
                          + $" settings_checkpoint_in_commit={Median(rows["settings-checkpoint-in-commit"]):F2}s");
        Console.WriteLine("all runs (s): " + string.Join("; ", Operations.Select(o => $"{o} app [{Join(app[o])}] floor [{Join(floor[o])}]"))
                          + $"; every code's row: disable [{Join(rows["codes-disable"])}] enable [{Join(rows["codes-enable"])}]"
                          + $"; settings, checkpoint in the commit [{Join(rows["settings-checkpoint-in-commit"])}]");
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);
    }

    internal static async Task<int> ReadyBatchAsync(string db, int locationId, string name, int count)
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
            // As the app writes a million rows (LargeWrites): no automatic checkpoint in the commit; one after, untimed.
            pragmas.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;";
            pragmas.ExecuteNonQuery();
        }
        foreach (var op in ops)
        {
            var now = DateTimeOffset.UtcNow.UtcTicks;
            // The batch's switch as BatchService turns it (a conditional update of its row, then its codes counted on the
            // BatchId index), or an UPDATE of every code's row (settings, and the per-code disable for scale).
            string[] statements = op switch
            {
                "disable" => ["UPDATE \"Batches\" SET \"Disabled\" = 1 WHERE \"Id\" = $id AND \"Disabled\" <> 1", Count],
                "enable" => ["UPDATE \"Batches\" SET \"Disabled\" = 0 WHERE \"Id\" = $id AND \"Disabled\" <> 0", Count],
                "archive" => ["UPDATE \"Batches\" SET \"Archived\" = 1 WHERE \"Id\" = $id AND \"Archived\" <> 1", Count],
                "unarchive" => ["UPDATE \"Batches\" SET \"Archived\" = 0 WHERE \"Id\" = $id AND \"Archived\" <> 0", Count],
                "codes-disable" => [$"UPDATE \"PromoCodes\" SET \"Enabled\" = 0, \"UpdatedAt\" = {now} WHERE \"BatchId\" = $id AND \"Enabled\""],
                "codes-enable" => [$"UPDATE \"PromoCodes\" SET \"Enabled\" = 1, \"UpdatedAt\" = {now} WHERE \"BatchId\" = $id AND NOT (\"Enabled\")"],
                _ => [$"UPDATE \"PromoCodes\" SET \"Amount\" = '{21 + round}.0', \"UpdatedAt\" = {now} WHERE \"BatchId\" = $id"],
            };
            Settle(db);
            if (op == "settings-checkpoint-in-commit") Pragma(conn, "wal_autocheckpoint = 1000"); // as any other write commits
            var sw = Stopwatch.StartNew();
            using var tx = conn.BeginTransaction();
            var rows = 0L;
            foreach (var sql in statements)
            {
                using var cmd = conn.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = sql;
                cmd.Parameters.AddWithValue("$id", batchId);
                rows = sql == Count ? (long)cmd.ExecuteScalar()! : cmd.ExecuteNonQuery();
            }
            tx.Commit();
            times.Add((op, sw.Elapsed.TotalSeconds));
            if (op == "settings-checkpoint-in-commit") Pragma(conn, "wal_autocheckpoint = 0");
            if (rows != count) throw new InvalidOperationException($"floor {op} counted {rows:N0} rows, not {count:N0}");
        }
        return times;
    }

    /// <summary>
    /// Untimed, before each timed call: waits for any checkpoint still copying the log (the app runs one in the background
    /// after a large write) and copies the rest, so that every call starts from the same state and none pays for the last.
    /// </summary>
    private static void Settle(string db)
    {
        using var conn = new SqliteConnection($"Data Source={db};Pooling=False");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA wal_checkpoint(FULL);";
        cmd.ExecuteNonQuery();
    }

    private static void Pragma(SqliteConnection conn, string pragma)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"PRAGMA {pragma};";
        cmd.ExecuteNonQuery();
    }

    private const string Count = "SELECT COUNT(*) FROM \"PromoCodes\" WHERE \"BatchId\" = $id";

    /// <summary><see cref="Rounds"/> runs of <paramref name="run"/>, each op's times gathered.</summary>
    private static Dictionary<string, List<double>> Repeat(Func<List<(string Op, double Seconds)>> run, string[] ops)
    {
        var times = ops.ToDictionary(o => o, _ => new List<double>());
        for (var round = 0; round < Rounds; round++)
            foreach (var (op, seconds) in run()) times[op].Add(seconds);
        return times;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Join(List<double> values) => string.Join(" ", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));
}
