using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Audit;

/// <summary>
/// The real app as a process of its own, killed (SIGKILL) while a set-based change is in flight: afterwards the database
/// holds the change and its one audit entry, or neither (docs/rules.md#audit). <see cref="AuditFaultTests"/> kills the
/// commit itself at the exact moment; this one kills the whole process at several moments of a long bulk update.
/// </summary>
public sealed class AuditProcessKillTests
{
    private const int Codes = 60_000;
    private const string Location = "audit-kill";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Bulk(int n) => new { locationKey = Location, all = true, fields = new { description = $"v{n}", quantity = n } };

    /// <summary>A bulk update of nothing at a location of its own: the app's first one pays for start-up work, not this one.</summary>
    private static async Task WarmAsync(HttpClient api) =>
        await api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", new { locationKey = Location + "-warm", all = true, fields = new { description = "warm" } }, Ct)
            .ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task A_bulk_update_cut_by_a_kill_9_leaves_the_change_and_its_entry_together_or_neither()
    {
        var path = Path.Combine(Path.GetTempPath(), "promoadmin-tests", $"audit-kill-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            // Arrange, and time one bulk update that is left alone: it commits with its entry.
            TimeSpan took;
            await using (var app = await AppProcess.StartAsync(path))
            {
                using var api = app.Client();
                await api.PostAsJsonAsync("/api/v1/locations", new { key = Location, name = "Audit kill", timeZone = "UTC" }, Ct).ExpectAsync(HttpStatusCode.Created);
                await api.PostAsJsonAsync("/api/v1/locations", new { key = Location + "-warm", name = "Audit kill warm-up", timeZone = "UTC" }, Ct).ExpectAsync(HttpStatusCode.Created);
                await InsertCodesAsync(path, Codes);
                await WarmAsync(api);
                var clock = Stopwatch.StartNew();
                await api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", Bulk(0), Ct).ExpectAsync(HttpStatusCode.OK);
                took = clock.Elapsed;
            }
            var (before, quantities0, entries0) = await StateAsync(path);
            Assert.Equal(["v0"], before);
            Assert.Equal(["0"], quantities0);
            Assert.Equal(["v0"], entries0);

            // Kill the process early, midway and late in the same change; each time: all of it with its entry, or nothing.
            var outcomes = new List<string>();
            var applied = new List<string> { "v0" };
            foreach (var (n, at) in new[] { (1, 0.3), (2, 0.6), (3, 0.9), (4, 1.2), (5, 2.0) })
            {
                await using (var app = await AppProcess.StartAsync(path))
                {
                    using var api = app.Client();
                    await WarmAsync(api);
                    var call = api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", Bulk(n), Ct);
                    await Task.Delay(took * at, Ct); // where in the change the process dies: any moment must do
                    app.Kill();
                    try { await call; } catch (HttpRequestException) { } catch (TaskCanceledException) { }
                }
                var (descriptions, quantities, entries) = await StateAsync(path);
                var value = Assert.Single(descriptions); // every code, or none: one value across all of them
                Assert.Equal(value[1..], Assert.Single(quantities));
                if (value == $"v{n}") applied.Add(value);
                else Assert.Equal(applied[^1], value);
                Assert.Equal(applied, entries); // one entry per change that committed, none for one that did not
                outcomes.Add(value == $"v{n}" ? "committed" : "rolled back");
            }
            TestContext.Current.SendDiagnosticMessage($"Bulk update of {Codes:N0} codes took {took.TotalMilliseconds:0} ms; kills: {string.Join(", ", outcomes)}.");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                try { File.Delete(path + suffix); } catch (IOException) { }
        }
    }

    /// <summary>The codes' distinct descriptions and quantities, and the bulk update entries' descriptions in order, read from the file itself.</summary>
    private static async Task<(List<string> Descriptions, List<string> Quantities, List<string> Entries)> StateAsync(string path)
    {
        await using var conn = new SqliteConnection($"Data Source={path};Pooling=False");
        await conn.OpenAsync(Ct);
        async Task<List<string>> Read(string sql)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("$key", Location);
            await using var reader = await cmd.ExecuteReaderAsync(Ct);
            var values = new List<string>();
            while (await reader.ReadAsync(Ct)) values.Add(reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            return values;
        }
        return (
            await Read("SELECT DISTINCT Description FROM PromoCodes WHERE LocationId = (SELECT Id FROM Locations WHERE Key = $key)"),
            await Read("SELECT DISTINCT i.Quantity FROM PromoCodeInventory i JOIN PromoCodes c ON c.Id = i.PromoCodeId WHERE c.LocationId = (SELECT Id FROM Locations WHERE Key = $key)"),
            await Read("SELECT json_extract(Changes, '$[0].to') FROM AuditEntries WHERE Action = 'bulkUpdate' AND LocationKey = $key ORDER BY Id"));
    }

    private static async Task InsertCodesAsync(string path, int count)
    {
        await using var conn = new SqliteConnection($"Data Source={path};Pooling=False");
        await conn.OpenAsync(Ct);
        await using var tx = conn.BeginTransaction();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.Parameters.AddWithValue("$key", Location);
        cmd.Parameters.AddWithValue("$count", count);
        cmd.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO PromoCodes (LocationId, Code, NormalizedCode, Enabled, RedemptionType, ValueType, Amount, Combinable, InternalOnly,
              AllLocations, ApplicableTo, ApplyOnlyToApplicable, DaysOfWeek, ExclusionDates, EligibilityRules, FirstOrderOnly, OneUsePerAccount,
              FreeShipping, CreditFromOverage, IsArchived, CreatedAt, UpdatedAt)
            SELECT (SELECT Id FROM Locations WHERE Key = $key), 'KILL' || i, 'KILL' || i, 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0,
              '[]', '[]', 0, 0, 0, 0, 0, 0, 0 FROM n;
            INSERT INTO PromoCodeInventory (PromoCodeId, Quantity, TimesUsed) SELECT Id, NULL, 0 FROM PromoCodes WHERE Id NOT IN (SELECT PromoCodeId FROM PromoCodeInventory);
            """;
        await cmd.ExecuteNonQueryAsync(Ct);
        await tx.CommitAsync(Ct);
    }
}
