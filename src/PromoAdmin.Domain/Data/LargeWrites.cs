using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PromoAdmin.Domain.Data;

/// <summary>
/// Statements that rewrite up to a million code rows in one go (bulk update, batch settings). On SQLite such a commit leaves
/// about 130 MB in the write-ahead log, and SQLite's automatic checkpoint then copies it all into the database file before
/// the commit returns: about a sixth of the change's time at 1,000,000 codes (docs/benchmarks.md, "batch-level switches").
/// Here the connection skips that automatic checkpoint and a passive one starts right after on a connection of its own, in
/// the background, so the admin's answer does not wait for it. The commit is as durable as any other here (WAL,
/// synchronous=NORMAL); if the background checkpoint does not run (a crash), the next writer's automatic one copies the
/// log, and a writer that commits before it has started may do so itself. On SQL Server it only runs the write.
/// </summary>
internal static class LargeWrites
{
    /// <summary>SQLite's default automatic checkpoint, in log pages; every app connection is opened with it (SqliteConnectionSetup).</summary>
    public const int AutoCheckpointPages = 1000;

    private static readonly ConcurrentDictionary<string, Task> Checkpoints = new();

    /// <summary>The last background checkpoint started for a database, for tests to await.</summary>
    internal static Task CheckpointOf(string connectionString) => Checkpoints.GetValueOrDefault(connectionString, Task.CompletedTask);

    public static async Task<T> WithDeferredCheckpointAsync<T>(PromoAdminDbContext db, Func<Task<T>> write, CancellationToken ct)
    {
        if (!db.IsSqlite) return await write();
        var connectionString = db.Database.GetConnectionString()!;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint = 0;", ct);
            try
            {
                return await write();
            }
            finally
            {
                Checkpoints[connectionString] = Task.Run(() => Checkpoint(connectionString), CancellationToken.None);
                try
                {
                    await db.Database.ExecuteSqlRawAsync($"PRAGMA wal_autocheckpoint = {AutoCheckpointPages};", CancellationToken.None);
                }
                catch (SqliteException)
                {
                    // The write's own failure is the one to report; the connection gets the setting back when next opened.
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Checkpoint(string connectionString)
    {
        try
        {
            // Never creates the file: a database deleted meanwhile (a test's) stays deleted.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString());
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            cmd.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
        {
            // Busy, closed or gone: the next commit's automatic checkpoint copies the log instead.
        }
    }
}
