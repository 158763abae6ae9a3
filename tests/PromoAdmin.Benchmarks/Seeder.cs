using System.Globalization;
using Microsoft.Data.Sqlite;
using PromoAdmin.Domain.Batches;

namespace PromoAdmin.Benchmarks;

/// <summary>Fills a migrated database fast with raw inserts, so the scenarios measure the app, not the set-up.</summary>
public static class Seeder
{
    public static async Task<int> LocationAsync(string databasePath, string key)
    {
        await using var conn = Open(databasePath);
        var cmd = conn.CreateCommand();
        cmd.CommandText = "INSERT INTO Locations (Key, Name, TimeZone, CreatedAt) VALUES ($k, $k, 'America/New_York', 0) RETURNING Id";
        cmd.Parameters.AddWithValue("$k", key);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Inserts <paramref name="count"/> distinct random codes at a location, one in 100 with <paramref name="marker"/> in their
    /// text, every tenth in the group if given, all in the batch if given.
    /// </summary>
    public static async Task CodesAsync(string databasePath, int locationId, int count, string marker = "ZZ", int? groupId = null, int? batchId = null)
    {
        await using var conn = Open(databasePath);
        await using var tx = conn.BeginTransaction();
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO PromoCodes (LocationId, Code, NormalizedCode, Description, Enabled, GroupId, BatchId, RedemptionType, ValueType, Amount,
              Combinable, InternalOnly, AllLocations, ApplicableTo, ApplyOnlyToApplicable, DaysOfWeek, ExclusionDates, EligibilityRules, FirstOrderOnly,
              OneUsePerAccount, FreeShipping, CreditFromOverage, IsArchived, CreatedAt, UpdatedAt)
            VALUES ($loc, $code, $code, $desc, 1, $group, $batch, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, 0, 0)
            """;
        var loc = cmd.Parameters.Add("$loc", SqliteType.Integer);
        var code = cmd.Parameters.Add("$code", SqliteType.Text);
        var desc = cmd.Parameters.Add("$desc", SqliteType.Text);
        var group = cmd.Parameters.Add("$group", SqliteType.Integer);
        cmd.Parameters.AddWithValue("$batch", batchId is int b ? b : DBNull.Value);
        cmd.Prepare();
        var seen = new HashSet<string>(count);
        for (var i = 0; i < count; i++)
        {
            string text;
            do text = i % 100 == 0 ? marker + CodeGenerator.Next(8) : CodeGenerator.Next(10);
            while (!seen.Add(text));
            loc.Value = locationId;
            code.Value = text;
            desc.Value = i % 3 == 0 ? "Seasonal campaign code" : DBNull.Value;
            group.Value = groupId is int g && i % 10 == 0 ? g : DBNull.Value;
            await cmd.ExecuteNonQueryAsync();
        }
        // Their inventory rows in one statement: every other code limited to 100 uses, the rest unlimited.
        var inventory = conn.CreateCommand();
        inventory.Transaction = tx;
        inventory.CommandText = """
            INSERT INTO PromoCodeInventory (PromoCodeId, Quantity, TimesUsed)
            SELECT p.Id, CASE WHEN p.Id % 2 = 0 THEN 100 END, 0 FROM PromoCodes AS p
            WHERE NOT EXISTS (SELECT 1 FROM PromoCodeInventory AS i WHERE i.PromoCodeId = p.Id)
            """;
        await inventory.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    public static SqliteConnection Open(string path)
    {
        var conn = new SqliteConnection($"Data Source={path}");
        conn.Open();
        return conn;
    }
}
