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
