using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PromoAdmin.Domain.Data;

public static class DbErrors
{
    /// <summary>
    /// Saves; when a unique index refuses the write (a duplicate, or the loser of a race) answers a field error instead,
    /// with nothing saved and the context cleared for the next attempt.
    /// </summary>
    public static async Task SaveOrDuplicateAsync(this DbContext db, string field, string duplicateMessage, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw new PromoAdmin.Domain.Common.DomainValidationException(field, duplicateMessage);
        }
    }

    /// <summary>True when a foreign key refused the write: something the write refers to no longer exists.</summary>
    public static bool IsForeignKeyViolation(Exception ex)
    {
        var inner = ex is DbUpdateException { InnerException: { } i } ? i : ex;
        return inner switch
        {
            SqliteException s => s.SqliteExtendedErrorCode == 787, // SQLITE_CONSTRAINT_FOREIGNKEY
            SqlException s => s.Number == 547,
            _ => false,
        };
    }

    /// <summary>
    /// A failure that says nothing about the data and passes if tried again: a deadlock victim (1205), a lock or command
    /// timeout (1222, -2), a dropped connection, SQLite's busy or locked database.
    /// </summary>
    public static bool IsTransient(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException s when s.SqliteErrorCode is 5 or 6:
                case SqlException q when q.Number is 1205 or 1222 or -2 or 40613 or 40501 or 40197 or 49918 or 49919 or 49920 or 4060 or 10928 or 10929 or 233 or 64 or 10053 or 10054 or 10060:
                case TimeoutException:
                    return true;
                case Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>True when a unique index refused the write (the loser of a race, or a duplicate).</summary>
    public static bool IsUniqueViolation(Exception ex)
    {
        var inner = ex is DbUpdateException { InnerException: { } i } ? i : ex;
        return inner switch
        {
            SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
            SqlException s => s.Number is 2601 or 2627,
            _ => false,
        };
    }
}
