using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PromoAdmin.Benchmarks;

/// <summary>
/// The list page (docs/benchmarks.md): with 1,000,000 codes in the database, every list page, filtered, sorted or searched,
/// is served in under 150 ms. The codes are five ready batches of a fifth each and 300 hand-made codes, SUMMER10 among them.
/// </summary>
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
        var batches = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var batch = await BatchOpsScenario.ReadyBatchAsync(db, loc, $"Batch {i + 1}", count / 5);
            await Seeder.CodesAsync(db, loc, count / 5, marker: "ZZ", groupId: groupId, batchId: batch);
            batches.Add(batch);
        }
        await Seeder.CodesAsync(db, loc, 299, marker: "ZZ", groupId: groupId);
        await using (var conn = Seeder.Open(db))
        {
            // The batches' codes as the app writes them for searching (BatchCodeText), on a build that has the table.
            var cmd = conn.CreateCommand();
            cmd.CommandText = """
                INSERT INTO BatchCodeTexts (BatchId, Codes)
                SELECT BatchId, group_concat(NormalizedCode, char(10)) FROM (
                    SELECT BatchId, NormalizedCode, (row_number() OVER (PARTITION BY BatchId ORDER BY Id) - 1) / 2000 AS Slice
                    FROM PromoCodes WHERE BatchId IS NOT NULL)
                GROUP BY BatchId, Slice
                """;
            var texts = Stopwatch.StartNew();
            try
            {
                await cmd.ExecuteNonQueryAsync();
                Console.WriteLine($"wrote the batch codes' texts (as the upgrade does) in {texts.Elapsed.TotalSeconds:F2} s");
            }
            catch (Microsoft.Data.Sqlite.SqliteException) { /* an older build without the table */ }
        }
        await using (var conn = Seeder.Open(db))
        {
            var cmd = conn.CreateCommand();
            cmd.CommandText = """
                INSERT INTO PromoCodes (LocationId, Code, NormalizedCode, Enabled, RedemptionType, ValueType, Amount, Combinable, InternalOnly,
                  AllLocations, ApplicableTo, ApplyOnlyToApplicable, DaysOfWeek, ExclusionDates, EligibilityRules, FirstOrderOnly, OneUsePerAccount,
                  FreeShipping, CreditFromOverage, IsArchived, CreatedAt, UpdatedAt)
                VALUES ($loc, 'SUMMER10', 'SUMMER10', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, 0, 0);
                INSERT INTO PromoCodeInventory (PromoCodeId, Quantity, TimesUsed) VALUES (last_insert_rowid(), NULL, 0);
                """;
            cmd.Parameters.AddWithValue("$loc", loc);
            await cmd.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"seeded {count:N0} batch codes and 300 hand-made in {seed.Elapsed.TotalSeconds:F1} s");
        var batchId = batches[2];

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
            ("infix MER10", "/promo-codes?code=mer10"),
            ("sorted by used", "/promo-codes?sort=used&dir=desc"),
            ("sorted by code", "/promo-codes?sort=code&dir=asc&pageSize=25"),
            ("status active", "/promo-codes?status=active"),
            ("all: first page", "/promo-codes?source=all"),
            ("batch codes: first page", "/promo-codes?source=batch&pageSize=25"),
            ("all: page 2,000", "/promo-codes?source=all&pageSize=25&page=2000"),
            ("all: group filter", $"/promo-codes?source=all&groupId={groupId}&pageSize=25"),
            ("all: sorted by amount", "/promo-codes?source=all&sort=amount&dir=desc"),
            ("all: sorted by updated", "/promo-codes?source=all&sort=updated&dir=desc"),
            ("all: sorted by code", "/promo-codes?source=all&sort=code&dir=asc"),
            ("all: sorted by created, oldest", "/promo-codes?source=all&sort=created&dir=asc"),
            ("all: sorted by used", "/promo-codes?source=all&sort=used&dir=desc"),
            ("all: sorted by remaining", "/promo-codes?source=all&sort=remaining&dir=asc"),
            ("all: infix MER10", "/promo-codes?source=all&code=mer10"),
            ("all: status active", "/promo-codes?source=all&status=active"),
            ("one batch", $"/promo-codes?batchId={batchId}"),
            ("one batch: search", $"/promo-codes?batchId={batchId}&code=AB7"),
            ("one batch: sorted by code", $"/promo-codes?batchId={batchId}&sort=code&dir=asc"),
        ];
        await MeasureAsync(http, pages, "");

        // Again once a batch of the location (10 codes) is archived by its batch-level switch: the tabs and the group filter
        // then leave its codes out by batch id (docs/rules.md#batches).
        var archivedId = await BatchOpsScenario.ReadyBatchAsync(db, loc, "Archived batch", 10);
        await Seeder.CodesAsync(db, loc, 10, batchId: archivedId);
        using (var api = app.Client())
            (await api.PostAsync($"/api/v1/batches/{archivedId}/archive", null)).EnsureSuccessStatusCode();
        await MeasureAsync(http, [.. pages[..5], .. pages.Where(p => p.Name is "all: first page" or "all: infix MER10")], " (a batch archived)");

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
