using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>
/// Readiness: the database answers, its migrations are all applied, and it can be written to now (a read-only file or a
/// writer holding the lock for long makes the app unable to redeem, so it is not ready).
/// </summary>
public sealed class DatabaseHealthCheck(PromoAdminDbContext db) : IHealthCheck
{
    public const string ReadyTag = "ready";
    // Migrations never un-apply: once seen applied, this instance stops asking.
    private static volatile bool migrationsSeenApplied;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ct = cancellationToken;
        try
        {
            if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("The database cannot be reached.");
            if (!migrationsSeenApplied)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0) return HealthCheckResult.Unhealthy($"The database lacks {pending.Count} migration(s), first {pending[0]}.");
                migrationsSeenApplied = true;
            }
            return db.IsSqlite ? await SqliteWritableAsync(ct) : await SqlServerWritableAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database failed: " + ex.Message);
        }
    }

    private async Task<HealthCheckResult> SqliteWritableAsync(CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        if (builder.Mode == SqliteOpenMode.ReadOnly) return HealthCheckResult.Unhealthy("The database is opened read-only.");
        var file = new FileInfo(Path.GetFullPath(builder.DataSource));
        if (file.Exists && file.IsReadOnly) return HealthCheckResult.Unhealthy($"The database file {file.Name} is read-only.");
        // Take the write lock and let go of it at once; a writer that holds it for more than a second fails the check.
        builder.DefaultTimeout = 2;
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 2;
        try
        {
            // One statement per command: a busy BEGIN inside a multi-statement command was seen to report success.
            foreach (var sql in new[] { "PRAGMA busy_timeout = 1000;", "BEGIN IMMEDIATE;", "ROLLBACK;" })
            {
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            return HealthCheckResult.Unhealthy("The database is locked for writing.");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 8) // SQLITE_READONLY
        {
            return HealthCheckResult.Unhealthy("The database is read-only.");
        }
        return HealthCheckResult.Healthy("The database can be read and written.");
    }

    private async Task<HealthCheckResult> SqlServerWritableAsync(CancellationToken ct)
    {
        var updateability = await db.Database
            .SqlQueryRaw<string>("SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Updateability') AS nvarchar(20)) AS [Value]")
            .FirstAsync(ct);
        return updateability == "READ_WRITE"
            ? HealthCheckResult.Healthy("The database can be read and written.")
            : HealthCheckResult.Unhealthy($"The database is {updateability}.");
    }

    /// <summary>JSON answer naming each check, its status and why: <c>{ "status": "Unhealthy", "checks": [ ... ] }</c>.</summary>
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }

    public static HealthCheckOptions Ready => new() { Predicate = r => r.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync };

    public static HealthCheckOptions Live => new() { Predicate = _ => false, ResponseWriter = WriteAsync };
}
