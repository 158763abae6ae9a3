using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PromoAdmin.Domain.Data;

/// <summary>
/// Every SQLite connection waits inside SQLite for the writer lock (fine-grained) instead of failing at once and
/// being retried by the driver in 150 ms steps; WAL with synchronous=NORMAL keeps commits cheap and durable. The automatic
/// checkpoint is set on every open too, so a pooled connection is never left without it (<see cref="LargeWrites"/>).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 1000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var ct = cancellationToken;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// SQLite has one writer at a time: on SQLite the hot write paths (redeem, void) queue here in-process rather than
/// contend for the file lock. On SQL Server it lets everyone through; row locks and the guarded UPDATE do the work.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public void Dispose() => gate.Dispose();

    public async Task<IDisposable> EnterAsync(PromoAdminDbContext db, CancellationToken ct)
    {
        if (!db.IsSqlite) return NoGate.Instance;
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();
        public void Dispose() { }
    }
}
