using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PromoAdmin.Domain.Data;

/// <summary>
/// Statements that rewrite up to a million code rows in one go (bulk update, batch settings). On SQLite such a commit leaves
/// about 130 MB in the write-ahead log, and SQLite's automatic checkpoint then copies it all into the database file before
/// the commit returns: about a quarter of the statement's time at 1,000,000 codes (docs/benchmarks.md, "batch settings").
/// Here the connection skips that automatic checkpoint and a passive one runs right after on a connection of its own, in
/// the background, so the admin's answer does not wait for it. Durability is unchanged: a committed transaction is in the
/// log, synced as every commit is; a checkpoint that does not happen (a crash) is done by the next writer's automatic one.
/// On SQL Server and PostgreSQL it only runs the write.
/// </summary>
internal static class LargeWrites
{
    /// <summary>SQLite's default automatic checkpoint, in log pages; every app connection is opened with it (SqliteConnectionSetup).</summary>
    public const int AutoCheckpointPages = 1000;

    /// <summary>The last background checkpoint started here, for tests to await.</summary>
    internal static Task LastCheckpoint { get; private set; } = Task.CompletedTask;

    public static async Task<T> WithDeferredCheckpointAsync<T>(PromoAdminDbContext db, Func<Task<T>> write, CancellationToken ct)
    {
        if (!db.IsSqlite) return await write();
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
                await db.Database.ExecuteSqlRawAsync($"PRAGMA wal_autocheckpoint = {AutoCheckpointPages};", CancellationToken.None);
                var connectionString = db.Database.GetConnectionString()!;
                LastCheckpoint = Task.Run(() => Checkpoint(connectionString), CancellationToken.None);
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
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            cmd.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Busy or closed: the next commit's automatic checkpoint copies the log instead.
        }
    }
}
