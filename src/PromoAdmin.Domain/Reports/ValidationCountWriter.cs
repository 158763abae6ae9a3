using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Reports;

public sealed class ReportOptions
{
    /// <summary>How often the checkout's counts are added to the database (<c>Reports:CountFlushInterval</c>).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CountFlushInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Adds <see cref="ValidationTally"/>'s counts to <see cref="ValidationCount"/> every <see cref="ReportOptions.CountFlushInterval"/>
/// and when the app stops, in one statement that adds to existing rows (so instances never overwrite each other's counts).
/// Counts whose write fails are kept for the next try.
/// </summary>
public sealed class ValidationCountWriter(ValidationTally tally, IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReportOptions> options,
    ILogger<ValidationCountWriter> log) : BackgroundService
{
    /// <summary>SQLite: each row of the JSON array added to its counter, or a new counter.</summary>
    private const string SqliteUpsert = """
        INSERT INTO "ValidationCounts" ("LocationId", "Day", "Outcome", "PromoCodeId", "Count")
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]')
        FROM json_each(@rows) WHERE true
        ON CONFLICT ("LocationId", "Day", "Outcome", "PromoCodeId") DO UPDATE SET "Count" = "Count" + excluded."Count";
        """;

    /// <summary>SQL Server: the same as one MERGE, holding the key range so that two instances adding a new counter cannot both insert it.</summary>
    internal const string SqlServerUpsert = """
        MERGE [ValidationCounts] WITH (HOLDLOCK) AS t
        USING (SELECT * FROM OPENJSON(@rows) WITH ([LocationId] int '$[0]', [Day] date '$[1]', [Outcome] nvarchar(40) '$[2]', [PromoCodeId] int '$[3]', [Count] bigint '$[4]')) AS s
        ON t.[LocationId] = s.[LocationId] AND t.[Day] = s.[Day] AND t.[Outcome] = s.[Outcome] AND t.[PromoCodeId] = s.[PromoCodeId]
        WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + s.[Count]
        WHEN NOT MATCHED THEN INSERT ([LocationId], [Day], [Outcome], [PromoCodeId], [Count]) VALUES (s.[LocationId], s.[Day], s.[Outcome], s.[PromoCodeId], s.[Count]);
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.CountFlushInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            await FlushAsync(CancellationToken.None);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The last seconds' counts, on the way out, even when stopping is being hurried: a write takes milliseconds.
        await FlushAsync(CancellationToken.None);
    }

    /// <summary>Writes what was counted since the last flush; returns how many counters it added to.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        var rows = tally.Take(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (rows.Count == 0) return 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PromoAdminDbContext>();
            var json = JsonSerializer.Serialize(rows.Select(r => new object[]
            {
                r.Key.LocationId, r.Key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Key.Outcome, r.Key.PromoCodeId, r.Count,
            }));
            using (await scope.ServiceProvider.GetRequiredService<WriteGate>().EnterAsync(db, ct))
            {
                await db.Database.OpenConnectionAsync(ct);
                await using var cmd = db.Database.GetDbConnection().CreateCommand();
                cmd.CommandText = db.IsSqlite ? SqliteUpsert : SqlServerUpsert;
                var parameter = cmd.CreateParameter();
                (parameter.ParameterName, parameter.Value) = ("@rows", json);
                cmd.Parameters.Add(parameter);
                await cmd.ExecuteNonQueryAsync(ct);
            }
            return rows.Count;
        }
        catch (Exception ex)
        {
            foreach (var (key, count) in rows) tally.Add(key, count);
            log.LogWarning(ex, "Could not write {Counters} checkout counters; they are kept for the next try", rows.Count);
            return 0;
        }
    }
}
