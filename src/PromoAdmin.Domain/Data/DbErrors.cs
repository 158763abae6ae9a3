using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PromoAdmin.Domain.Data;

public static class DbErrors
{
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
