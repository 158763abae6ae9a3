using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PromoAdmin.Benchmarks;

/// <summary>The list page (docs/benchmarks.md): with 1,000,000 codes in the database, a filtered promo codes list page is served in under 150 ms.</summary>
public static partial class ListScenario
{
    public static async Task RunAsync(int count)
    {
        var db = Path.Combine(Path.GetTempPath(), $"bench-list-{Guid.NewGuid():N}.db");
        var admin = new Dictionary<string, string> { ["Bootstrap:AdminEmail"] = "bench@promoadmin.test", ["Bootstrap:AdminPassword"] = "Bench-pass-2026" };
        await using (var boot = await AppProcess.StartAsync(db, admin)) { }
        var loc = await Seeder.LocationAsync(db, "bench");
        int groupId;
        await using (var conn = Seeder.Open(db))
        {
            var cmd = conn.CreateCommand();
            cmd.CommandText = "INSERT INTO PromoCodeGroups (Name, CreatedAt) VALUES ('Seasonal', 0) RETURNING Id";
            groupId = Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        var seed = Stopwatch.StartNew();
        await Seeder.CodesAsync(db, loc, count, marker: "ZZ", groupId: groupId);
        Console.WriteLine($"seeded {count:N0} codes in {seed.Elapsed.TotalSeconds:F1} s");

        await using var app = await AppProcess.StartAsync(db, admin);
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var signIn = await http.GetStringAsync("/account/sign-in");
        var token = Token().Match(signIn).Groups[1].Value;
        var posted = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "bench@promoadmin.test", ["Password"] = "Bench-pass-2026", ["__RequestVerificationToken"] = token,
        }));
        if (posted.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException("sign-in failed: " + posted.StatusCode);

        (string Name, string Url)[] pages =
        [
            ("first page, no filter", "/promo-codes"),
            ("code text filter", "/promo-codes?code=zz&pageSize=25"),
            ("group filter", $"/promo-codes?groupId={groupId}&pageSize=25"),
            ("code + group, page 3", $"/promo-codes?code=zz&groupId={groupId}&pageSize=10&page=3"),
            ("archived tab", "/promo-codes?tab=archived"),
        ];
        await MeasureAsync(http, pages, "");

        // Again once a batch of the location (10 codes) is archived by its batch-level switch: the tabs and the group filter
        // then leave its codes out by batch id (docs/rules.md#batches).
        var batchId = await BatchOpsScenario.ReadyBatchAsync(db, loc, "Archived batch", 10);
        await Seeder.CodesAsync(db, loc, 10, batchId: batchId);
        using (var api = app.Client())
            (await api.PostAsync($"/api/v1/batches/{batchId}/archive", null)).EnsureSuccessStatusCode();
        await MeasureAsync(http, pages, " (a batch archived)");

        // BENCH_KEEP_DB=1 keeps the database to study its query plans (docs/benchmarks.md).
        if (Environment.GetEnvironmentVariable("BENCH_KEEP_DB") == "1") Console.WriteLine($"kept {db}");
        else File.Delete(db);
    }

    private static async Task MeasureAsync(HttpClient http, (string Name, string Url)[] pages, string suffix)
    {
        foreach (var (name, url) in pages)
        {
            for (var i = 0; i < 3; i++) (await http.GetAsync(url)).EnsureSuccessStatusCode(); // warm-up
            var times = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var sw = Stopwatch.StartNew();
                var response = await http.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                sw.Stop();
                response.EnsureSuccessStatusCode();
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"RESULT list \"{name}{suffix}\" {url}: median={times[10]:F0}ms p95={times[18]:F0}ms max={times[^1]:F0}ms (target < 150 ms)");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
