using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PromoAdmin.Benchmarks;

/// <summary>
/// Checkout load (docs/benchmarks.md): validate throughput and p99 at 32 connections as a ratio to a trivial endpoint of the same app, measured in
/// the same run with wrk (Debian's package) on 127.0.0.1; then redeem throughput with zero oversell.
/// </summary>
public static partial class CheckoutLoadScenario
{
    public static async Task RunAsync(int seconds)
    {
        var db = Path.Combine(Path.GetTempPath(), $"bench-checkout-{Guid.NewGuid():N}.db");
        await using (var boot = await AppProcess.StartAsync(db)) { }
        var loc = await Seeder.LocationAsync(db, "bench");
        await Seeder.CodesAsync(db, loc, 100_000);
        const int inventory = 5_000;
        await using (var conn = Seeder.Open(db))
        {
            var cmd = conn.CreateCommand();
            cmd.CommandText = $$"""
                INSERT INTO CatalogItems (Key, Name, Kind) VALUES ('ticket', 'Ticket', 'Event'), ('shirt', 'Shirt', 'Item'), ('gift-card-50', 'Gift card', 'GiftCard');
                INSERT INTO VariantTargetingGroups (Key, Name, ItemKeys) VALUES ('bench-merch', 'Bench merchandise', '["shirt","mug","cap"]');
                -- LOAD10 reaches the shirt through a catalog group, resolved at checkout, and leaves out an excluded item.
                INSERT INTO PromoCodes (LocationId, Code, NormalizedCode, Enabled, RedemptionType, ValueType, Amount, Combinable, InternalOnly,
                  AllLocations, ApplicableTo, ApplicableGroups, ExcludedItems, ApplyOnlyToApplicable, DaysOfWeek, ExclusionDates, EligibilityRules, FirstOrderOnly,
                  OneUsePerAccount, FreeShipping, CreditFromOverage, IsArchived, CreatedAt, UpdatedAt)
                VALUES ({{loc}}, 'LOAD10', 'LOAD10', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '["ticket"]', '["bench-merch"]', '["hoodie"]', 1, 96, '[]',
                        '[{"type":"minimumQuantity","minimum":2}]', 0, 0, 0, 0, 0, 0, 0),
                       ({{loc}}, 'REDEEM5K', 'REDEEM5K', 1, 'Value', 'PerTransaction', 500, 0, 0, 0, '[]', '[]', '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, 0, 0);
                INSERT INTO PromoCodeInventory (PromoCodeId, Quantity, TimesUsed)
                SELECT Id, CASE Code WHEN 'REDEEM5K' THEN {{inventory}} END, 0 FROM PromoCodes WHERE Code IN ('LOAD10', 'REDEEM5K');
                """;
            await cmd.ExecuteNonQueryAsync();
        }
        await using var app = await AppProcess.StartAsync(db);
        var dir = Directory.CreateTempSubdirectory("wrk").FullName;
        const string cart = """{"lineId":"1","itemKey":"ticket","unitPrice":25,"quantity":2,"bookingDate":"2026-12-05","bookingStartTime":"18:00"},{"lineId":"2","itemKey":"shirt","unitPrice":19.99,"quantity":1},{"lineId":"3","itemKey":"gift-card-50","unitPrice":50,"quantity":1}""";
        var validate = Lua(dir, "validate.lua", "POST", "{\"code\":\"load10\",\"locationKey\":\"bench\",\"customer\":{\"key\":\"c1\",\"isFirstOrder\":false},\"lines\":[" + cart + "]}");
        var redeem = Path.Combine(dir, "redeem.lua");
        await File.WriteAllTextAsync(redeem, $$"""
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["X-Api-Key"] = "{{AppProcess.ApiKey}}"
            counter = 0
            threads = 0
            function setup(thread)
              threads = threads + 1
              thread:set("tid", threads)
            end
            request = function()
              counter = counter + 1
              local id = tostring(tid) .. "-" .. counter
              wrk.headers["Idempotency-Key"] = id
              return wrk.format(nil, nil, nil, '{"code":"REDEEM5K","locationKey":"bench","orderNumber":"' .. id .. '","lines":[{{cart}}]}')
            end
            """);
        var ping = Lua(dir, "ping.lua", "GET", null);

        if (Environment.GetEnvironmentVariable("BENCH_PAUSE") is { } pause)
        {
            Console.WriteLine($"PAUSED app at {app.BaseUrl} db {db}; scripts in {dir}");
            await Task.Delay(TimeSpan.FromSeconds(int.Parse(pause, CultureInfo.InvariantCulture)));
        }
        await Wrk(app, ping, "/api/v1/checkout/ping", 5); // warm-up: tiered compilation settles
        await Wrk(app, validate, "/api/v1/checkout/validate", 5);
        // Interleaved rounds, medians reported: on a shared 2-core machine a noisy few seconds then hit one round of each
        // endpoint instead of deciding the whole comparison.
        const int rounds = 5;
        var trivials = new List<WrkResult>();
        var vals = new List<WrkResult>();
        for (var round = 1; round <= rounds; round++)
        {
            trivials.Add(await Wrk(app, ping, "/api/v1/checkout/ping", seconds));
            vals.Add(await Wrk(app, validate, "/api/v1/checkout/validate", seconds));
            Console.WriteLine($"round {round}: trivial {trivials[^1].Rps:F0} rps p99 {trivials[^1].P99Ms:F2} ms; validate {vals[^1].Rps:F0} rps p99 {vals[^1].P99Ms:F2} ms; " +
                              $"ratio {vals[^1].Rps / trivials[^1].Rps:F2}");
        }
        var trivial = new WrkResult(Median(trivials.Select(t => t.Rps)), Median(trivials.Select(t => t.P99Ms)), trivials.Sum(t => t.Requests), trivials.Sum(t => t.Ok));
        var val = new WrkResult(Median(vals.Select(t => t.Rps)), Median(vals.Select(t => t.P99Ms)), vals.Sum(t => t.Requests), vals.Sum(t => t.Ok));
        // Long enough to use the whole inventory up: the rest must be 422 quantity_exhausted, none oversold.
        var red = await Wrk(app, redeem, "/api/v1/checkout/redeem", Math.Max(seconds, 15));

        await using var check = Seeder.Open(db);
        var q = check.CreateCommand();
        q.CommandText = "SELECT i.Quantity, i.TimesUsed, (SELECT COUNT(*) FROM Redemptions WHERE PromoCodeId = p.Id) FROM PromoCodes p JOIN PromoCodeInventory i ON i.PromoCodeId = p.Id WHERE Code = 'REDEEM5K'";
        await using var reader = await q.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (remaining, used, rows) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));

        Console.WriteLine($"RESULT trivial median of {rounds} rounds: rps={trivial.Rps:F0} p99={trivial.P99Ms:F2}ms non2xx={trivial.Requests - trivial.Ok}");
        Console.WriteLine($"RESULT validate median of {rounds} rounds: rps={val.Rps:F0} p99={val.P99Ms:F2}ms (worst round {vals.Max(v => v.P99Ms):F2}ms) " +
                          $"non2xx={val.Requests - val.Ok} ratio={val.Rps / trivial.Rps:F2} (target >= 0.35, p99 < 10 ms)");
        Console.WriteLine($"RESULT redeem rps={red.Rps:F0} p99={red.P99Ms:F2}ms ok={red.Ok} inventory={inventory} remaining={remaining} used={used} redemptions={rows} " +
                          $"oversold={(used > inventory || remaining < 0 || rows != used ? "YES" : "no")}");
        Console.WriteLine($"RESULT app_peak={app.PeakMemoryMb():F0}MB app_error_lines={AppProcess.ErrorLines}");
        File.Delete(db);
    }

    private static string Lua(string dir, string name, string method, string? body)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, $"""
            wrk.method = "{method}"
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["X-Api-Key"] = "{AppProcess.ApiKey}"
            {(body is null ? "" : "wrk.body = [[" + body + "]]")}
            shown = false
            response = function(status, headers, body)
              if status >= 300 and not shown then
                shown = true
                io.stderr:write("first non-2xx: " .. status .. " " .. body .. "\n")
              end
            end
            """);
        return path;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record WrkResult(double Rps, double P99Ms, long Requests, long Ok);

    private static async Task<WrkResult> Wrk(AppProcess app, string script, string path, int seconds)
    {
        var info = new ProcessStartInfo("wrk", ["-t2", "-c32", $"-d{seconds}s", "--latency", "-s", script, app.BaseUrl + path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info) ?? throw new InvalidOperationException("wrk is not installed: apt-get install wrk");
        var output = await p.StandardOutput.ReadToEndAsync();
        var errors = await p.StandardError.ReadToEndAsync();
        if (errors.Length > 0) Console.WriteLine($"{path}: {errors.Split('\n')[0]}");
        await p.WaitForExitAsync();
        var rps = double.Parse(RpsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var m = P99Line().Match(output);
        var p99 = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * (m.Groups[2].Value switch { "us" => 0.001, "s" => 1000, _ => 1 });
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(rps, p99, requests, requests - non2xx);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")] private static partial Regex RpsLine();
    [GeneratedRegex(@"99%\s+([\d.]+)(us|ms|s)")] private static partial Regex P99Line();
    [GeneratedRegex(@"(\d+) requests in")] private static partial Regex Requests();
    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")] private static partial Regex Non2xx();
}
