using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace PromoAdmin.Benchmarks;

/// <summary>
/// The batch (docs/benchmarks.md): a 1,000,000-code batch of length 10 on SQLite, from the POST to "ready" (target under 10 s, app peak under 400 MB),
/// against the sqlite3 command-line tool inserting as many random unique codes in one transaction (target ratio at most 2.5);
/// then Modify Inventory over the batch (under 1 s) and its CSV export (under 4 s, flat memory).
/// </summary>
public static class BatchScenario
{
    public static async Task RunAsync(int count)
    {
        var db = Path.Combine(Path.GetTempPath(), $"bench-batch-{Guid.NewGuid():N}.db");
        await using (var boot = await AppProcess.StartAsync(db)) { } // migrate
        await Seeder.LocationAsync(db, "bench");

        var app = await AppProcess.StartAsync(db);
        double generate, generatePeak, export, beforeExport, maxDuringExport;
        int codes;
        long lines;
        (double Seconds, string Body) set, increment;
        try
        {
            using var http = app.Client();
            // Warm-up, untimed: a 20,000-code batch, so that the measured one does not pay for a fresh process's JIT (a fifth of
            // the CPU in its first seconds), which a running app has long paid.
            var warm = await GenerateAsync(http, "Warm-up batch", 20_000);
            (await http.DeleteAsync($"/api/v1/batches/{warm.Id}")).EnsureSuccessStatusCode();
            var startRss = app.CurrentMemoryMb();
            var sw = Stopwatch.StartNew();
            var (id, batch, polls) = await GenerateAsync(http, "Benchmark batch", count);
            generate = sw.Elapsed.TotalSeconds;
            generatePeak = app.PeakMemoryMb();
            codes = batch.GetProperty("codeCount").GetInt32();
            Console.WriteLine($"generated {codes:N0} codes in {generate:F2} s ({polls} polls), app rss at start {startRss:F0} MB, peak {generatePeak:F0} MB");

            // Modify Inventory: one set-based statement each.
            set = await TimeAsync(() => http.PostAsJsonAsync($"/api/v1/batches/{id}/inventory", new { action = "set", amount = 5 }));
            increment = await TimeAsync(() => http.PostAsJsonAsync($"/api/v1/batches/{id}/inventory", new { action = "increment", amount = 2 }));
            Console.WriteLine($"inventory set {set.Seconds:F2} s ({set.Body}), increment {increment.Seconds:F2} s ({increment.Body})");

            if (Environment.GetEnvironmentVariable("BENCH_PAUSE") is { } pause)
            {
                Console.WriteLine($"PAUSED app at {app.BaseUrl} pid {app.Pid} batch {id} db {db}");
                await Task.Delay(TimeSpan.FromSeconds(int.Parse(pause, CultureInfo.InvariantCulture)));
            }
            // Export, sampling the app's resident memory while it streams.
            beforeExport = app.CurrentMemoryMb();
            maxDuringExport = beforeExport;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    maxDuringExport = Math.Max(maxDuringExport, app.CurrentMemoryMb());
                    try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
                }
            });
            sw.Restart();
            lines = 0;
            long bytes = 0;
            await using (var stream = await http.GetStreamAsync($"/api/v1/batches/{id}/export"))
            {
                var buffer = new byte[1 << 16];
                int n;
                while ((n = await stream.ReadAsync(buffer)) > 0)
                {
                    bytes += n;
                    for (var i = 0; i < n; i++) if (buffer[i] == (byte)'\n') lines++;
                }
            }
            export = sw.Elapsed.TotalSeconds;
            await sampling.CancelAsync();
            await sampler;
            Console.WriteLine($"export {lines - 1:N0} rows, {bytes / 1048576.0:F1} MB in {export:F2} s; app rss {beforeExport:F0} MB before, at most {maxDuringExport:F0} MB during");
        }
        finally
        {
            await app.DisposeAsync();
        }

        // The yardstick: the sqlite3 tool inserting as many random codes in one transaction (duplicates, about one in a million, skipped).
        var minimal = SqliteCli("CREATE TABLE Codes (Id INTEGER PRIMARY KEY, Code TEXT NOT NULL UNIQUE);", "Codes (Code)", "c", count);
        var schema = PromoCodesSchema(db);
        var shaped = SqliteCli(schema, "PromoCodes (LocationId, Code, NormalizedCode, Description, Enabled, RedemptionType, ValueType, Amount, Combinable, "
            + "InternalOnly, AllLocations, ApplicableTo, ApplyOnlyToApplicable, DaysOfWeek, ExclusionDates, EligibilityRules, FirstOrderOnly, OneUsePerAccount, "
            + "FreeShipping, CreditFromOverage, IsArchived, CreatedAt, UpdatedAt)",
            "1, c, c, 'Benchmark', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, 0, 0", count);
        Console.WriteLine($"sqlite3 CLI, one transaction: minimal table (id, unique code) {minimal.Seconds:F2} s ({minimal.Rows:N0} rows); "
                          + $"PromoCodes-shaped table (same columns and indexes, no foreign keys) {shaped.Seconds:F2} s ({shaped.Rows:N0} rows)");

        Console.WriteLine($"RESULT batch codes={codes:N0} length=10 generate={generate:F2}s (target < 10 s) app_peak={generatePeak:F0}MB (target < 400 MB) "
                          + $"sqlite3_cli_minimal={minimal.Seconds:F2}s ratio={generate / minimal.Seconds:F2} (target <= 2.5) "
                          + $"sqlite3_cli_promocodes_shape={shaped.Seconds:F2}s ratio={generate / shaped.Seconds:F2} "
                          + $"inventory_set={set.Seconds:F2}s inventory_increment={increment.Seconds:F2}s (target < 1 s) "
                          + $"export={export:F2}s rows={lines - 1:N0} (target < 4 s) export_rss={beforeExport:F0}->{maxDuringExport:F0}MB");
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);
    }

    /// <summary>POSTs a batch of codes of length 10 and polls every 100 ms until it is ready.</summary>
    private static async Task<(int Id, JsonElement Batch, int Polls)> GenerateAsync(HttpClient http, string name, int count)
    {
        var started = Stopwatch.StartNew();
        var post = await http.PostAsJsonAsync("/api/v1/batches", new
        {
            locationKey = "bench", name, method = "count", count, codeLength = 10,
            settings = new { amount = 10, description = "Benchmark", quantity = (int?)null },
        });
        if ((int)post.StatusCode != 202) throw new InvalidOperationException($"POST answered {(int)post.StatusCode}: {await post.Content.ReadAsStringAsync()}");
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var polls = 0;
        while (true)
        {
            var batch = await http.GetFromJsonAsync<JsonElement>($"/api/v1/batches/{id}");
            polls++;
            var status = batch.GetProperty("status").GetString();
            if (status == "ready") return (id, batch, polls);
            if (status == "failed") throw new InvalidOperationException("The batch failed: " + batch.GetProperty("failureReason").GetString());
            if (started.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("The batch did not finish in 5 minutes.");
            await Task.Delay(100);
        }
    }

    private static async Task<(double Seconds, string Body)> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var sw = Stopwatch.StartNew();
        var response = await call();
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        return (sw.Elapsed.TotalSeconds, body);
    }

    /// <summary>The app's PromoCodes table as migrated (columns and indexes), without its foreign keys (the other tables are not there).</summary>
    private static string PromoCodesSchema(string appDb)
    {
        var info = new ProcessStartInfo("sqlite3", [appDb, ".schema PromoCodes"]) { RedirectStandardOutput = true };
        using var p = Process.Start(info)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var lines = text.Split('\n').Where(l => !l.TrimStart().StartsWith("CONSTRAINT \"FK_", StringComparison.Ordinal)).ToList();
        var sql = string.Join('\n', lines);
        // The last column line before the removed constraints ends with a comma.
        return System.Text.RegularExpressions.Regex.Replace(sql, @",\s*\n\s*\);", "\n);");
    }

    /// <summary>
    /// Times the sqlite3 tool inserting <paramref name="count"/> random codes, drawn beforehand (untimed) into another file, into
    /// a fresh table in one transaction: the raw cost of writing that many unique codes, with nothing of the app around it.
    /// </summary>
    private static (double Seconds, long Rows) SqliteCli(string schema, string into, string values, int count)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-cli-{Guid.NewGuid():N}.db");
        var source = Path.Combine(Path.GetTempPath(), $"bench-cli-source-{Guid.NewGuid():N}.db");
        var ch = "substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (random() & 31) + 1, 1)";
        var code = string.Join(" || ", Enumerable.Repeat(ch, 10));
        Run(source, $"""
            CREATE TABLE Source (c TEXT NOT NULL);
            INSERT INTO Source WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) SELECT {code} FROM n;
            """);
        Run(file, schema);
        var sql = $"""
            ATTACH '{source}' AS s;
            BEGIN;
            INSERT OR IGNORE INTO {into} SELECT {values} FROM s.Source;
            COMMIT;
            """;
        var sw = Stopwatch.StartNew();
        Run(file, sql);
        var seconds = sw.Elapsed.TotalSeconds;
        var table = into.Split(' ')[0];
        var rows = long.Parse(Run(file, $"SELECT count(*) FROM {table};").Trim(), CultureInfo.InvariantCulture);
        foreach (var f in new[] { file, source })
            foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" }) File.Delete(f + suffix);
        return (seconds, rows);
    }

    private static string Run(string file, string sql)
    {
        var info = new ProcessStartInfo("sqlite3", [file]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var p = Process.Start(info)!;
        p.StandardInput.Write(sql);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"sqlite3 exited with {p.ExitCode}");
        return output;
    }
}
