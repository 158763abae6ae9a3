using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Redemptions;

/// <summary>
/// The live part of a code that checkout reads on every request; the rules are cached against <see cref="UpdatedAt"/>.
/// <see cref="Enabled"/> and <see cref="IsArchived"/> are the code's own switch with its batch's (docs/rules.md#batches).
/// </summary>
public sealed record CodeState(int Id, int LocationId, DateTimeOffset UpdatedAt, int? Quantity, bool Enabled, bool IsArchived);

/// <summary>
/// Checkout's hottest read: the codes a typed code can mean at a location (its own, or another location's all-locations
/// code; never one of an unfinished batch). On SQL Server this is an EF compiled query. On SQLite, opening a pooled
/// connection re-registers EF Core's SQL functions and every execution prepares its statement again, which together cost
/// more than the look-up itself; so on SQLite a few read connections stay open, each with the statement prepared once.
/// Singleton; <see cref="Dispose"/> closes the connections.
/// </summary>
public sealed class CodeStates(DatabaseProvider provider, string connectionString) : IDisposable
{
    private const int MaxIdle = 16;

    // Same predicate as the compiled query below; the columns' storage is the SQLite model's (UpdatedAt in UTC ticks).
    private const string SqliteLookup = """
        SELECT p."Id", p."LocationId", p."UpdatedAt", i."Quantity",
               p."Enabled" AND NOT coalesce(b."Disabled", 0), p."IsArchived" OR coalesce(b."Archived", 0)
        FROM "PromoCodes" AS p
        JOIN "PromoCodeInventory" AS i ON i."PromoCodeId" = p."Id"
        LEFT JOIN "Batches" AS b ON b."Id" = p."BatchId"
        WHERE p."NormalizedCode" = $code AND (p."LocationId" = $location OR p."AllLocations")
          AND (p."BatchId" IS NULL OR b."Status" = 'Ready')
        """;

    private static readonly Func<PromoAdminDbContext, string, int, IAsyncEnumerable<CodeState>> Compiled =
        EF.CompileAsyncQuery((PromoAdminDbContext db, string normalized, int locationId) => db.PromoCodes
            .Where(c => c.NormalizedCode == normalized && (c.LocationId == locationId || c.AllLocations)
                        && (c.BatchId == null || c.Batch!.Status == BatchStatus.Ready))
            .Select(c => new CodeState(c.Id, c.LocationId, c.UpdatedAt, c.Inventory.Quantity,
                c.Enabled && (c.BatchId == null || !c.Batch!.Disabled), c.IsArchived || (c.BatchId != null && c.Batch!.Archived))));

    private readonly ConcurrentBag<Lookup> idle = [];
    private int idleCount;
    private bool disposed;

    public async Task<List<CodeState>> ReadAsync(PromoAdminDbContext db, string normalized, int locationId, CancellationToken ct)
    {
        var states = new List<CodeState>(1);
        if (provider != DatabaseProvider.Sqlite)
        {
            await foreach (var s in Compiled(db, normalized, locationId).WithCancellation(ct)) states.Add(s);
            return states;
        }

        var lookup = Rent();
        try
        {
            lookup.Code.Value = normalized;
            lookup.Location.Value = locationId;
            // Microsoft.Data.Sqlite runs synchronously whatever the method's name; the sync call saves the state machines.
            using (var r = lookup.Command.ExecuteReader())
            {
                while (r.Read())
                    states.Add(new CodeState(r.GetInt32(0), r.GetInt32(1), new DateTimeOffset(r.GetInt64(2), TimeSpan.Zero),
                        r.IsDBNull(3) ? null : r.GetInt32(3), r.GetBoolean(4), r.GetBoolean(5)));
            }
            Return(lookup);
            return states;
        }
        catch
        {
            lookup.Dispose();
            throw;
        }
    }

    private Lookup Rent()
    {
        if (idle.TryTake(out var lookup))
        {
            Interlocked.Decrement(ref idleCount);
            return lookup;
        }
        return Lookup.Open(connectionString);
    }

    private void Return(Lookup lookup)
    {
        if (!Volatile.Read(ref disposed))
        {
            if (Interlocked.Increment(ref idleCount) <= MaxIdle)
            {
                idle.Add(lookup);
                if (Volatile.Read(ref disposed)) Dispose(); // raced with shutdown: close what was just put back
                return;
            }
            Interlocked.Decrement(ref idleCount);
        }
        lookup.Dispose();
    }

    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        while (idle.TryTake(out var lookup)) lookup.Dispose();
    }

    private sealed class Lookup : IDisposable
    {
        private readonly SqliteConnection connection;
        public SqliteCommand Command { get; }
        public SqliteParameter Code { get; }
        public SqliteParameter Location { get; }

        private Lookup(SqliteConnection connection)
        {
            this.connection = connection;
            Command = connection.CreateCommand();
            Command.CommandText = SqliteLookup;
            Code = Command.Parameters.Add("$code", SqliteType.Text);
            Location = Command.Parameters.Add("$location", SqliteType.Integer);
        }

        public static Lookup Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                var lookup = new Lookup(connection);
                lookup.Code.Value = "";
                lookup.Location.Value = 0;
                lookup.Command.Prepare();
                return lookup;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Command.Dispose();
            connection.Dispose();
        }
    }
}
