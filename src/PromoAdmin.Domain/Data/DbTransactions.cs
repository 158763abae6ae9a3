using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace PromoAdmin.Domain.Data;

/// <summary>The one way the services open a transaction of their own (docs/decisions/ADR-002).</summary>
public static class DbTransactions
{
    /// <summary>Set-based statements over up to a million rows (bulk update, Modify Inventory, deleting a batch) on SQL Server.</summary>
    public static readonly TimeSpan LongStatementTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Rows one statement may touch on SQL Server before it would escalate to a table lock (at about 5,000 locks) and stall
    /// every redeem: batch chunks and batch deletes work in steps of this many.
    /// </summary>
    public const int SqlServerRowsPerStatement = 4_000;

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction inside the provider's execution strategy: on SQL Server a deadlock or a
    /// transient error retries the whole unit (EF Core refuses a user transaction outside the strategy once retries are on);
    /// on SQLite it runs once. The work commits the transaction itself and must start from a clean slate on every attempt.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this PromoAdminDbContext db, Func<IDbContextTransaction, CancellationToken, Task<T>> work,
        CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            return await work(tx, token);
        }, ct);

}
