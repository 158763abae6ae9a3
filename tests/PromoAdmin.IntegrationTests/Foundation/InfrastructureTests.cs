using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PromoAdmin.Domain.Data;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Foundation;

public sealed class InfrastructureTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_sql_server_migration_script_parses_without_errors()
    {
        var options = new DbContextOptionsBuilder<PromoAdminDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.SqlServer, "Server=(none);Database=PromoAdmin;Trusted_Connection=True");
        using var db = new PromoAdminDbContext(options.Options);
        Assert.NotEmpty(db.Database.GetMigrations());
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [PromoCodes]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_PromoCodes_LocationId_NormalizedCode]", script);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(script), out var errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Fact]
    public async Task A_large_write_on_sqlite_commits_without_the_automatic_checkpoint_and_one_runs_after_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"large-write-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path};Pooling=False";
        var options = new DbContextOptionsBuilder<PromoAdminDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, connectionString);
        // Held open throughout: the last connection to close would checkpoint the log itself.
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await holder.OpenAsync(Ct);
        await using (var db = new PromoAdminDbContext(options.Options))
        {
            async Task<long> PragmaAsync(string pragma)
            {
                await db.Database.OpenConnectionAsync(Ct);
                await using var cmd = db.Database.GetDbConnection().CreateCommand();
                cmd.CommandText = $"PRAGMA {pragma};";
                return Convert.ToInt64(await cmd.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
            }
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL; CREATE TABLE t (x TEXT);", Ct);
            var before = new FileInfo(path).Length;
            var (during, afterCommit) = (-1L, -1L);
            var rows = await LargeWrites.WithDeferredCheckpointAsync(db, async () =>
            {
                during = await PragmaAsync("wal_autocheckpoint");
                // About 3,000 pages of log, committed at once: three times what the automatic checkpoint would copy.
                var n = await db.Database.ExecuteSqlRawAsync(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) INSERT INTO t SELECT printf('%.1000c', 'x') FROM n;", Ct);
                afterCommit = new FileInfo(path).Length;
                return n;
            }, Ct);
            Assert.Equal(10_000, rows);
            Assert.Equal(0, during);
            Assert.Equal(before, afterCommit); // committed, and still only in the log
            Assert.Equal(LargeWrites.AutoCheckpointPages, await PragmaAsync("wal_autocheckpoint")); // the connection has it back

            await LargeWrites.CheckpointOf(connectionString);
            Assert.True(new FileInfo(path).Length > 10_000_000, $"{new FileInfo(path).Length} bytes: the log was not copied into the database");
            Assert.Equal(10_000, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM t").SingleAsync(Ct));
            await db.Database.CloseConnectionAsync();
        }
        await holder.CloseAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
    }

    [Fact]
    public void Sqlite_and_sql_server_have_the_same_migrations()
    {
        string[] Names(DatabaseProvider p, string cs)
        {
            var o = new DbContextOptionsBuilder<PromoAdminDbContext>();
            DatabaseSetup.Configure(o, p, cs);
            using var db = new PromoAdminDbContext(o.Options);
            return db.Database.GetMigrations().Select(m => m[15..]).ToArray();
        }
        Assert.Equal(Names(DatabaseProvider.Sqlite, "Data Source=:memory:"), Names(DatabaseProvider.SqlServer, "Server=(none)"));
    }

    [Fact]
    public async Task Upgrading_an_existing_sqlite_database_moves_each_codes_counters_to_the_inventory_table() =>
        await UpgradeAsync("PartialNullIndexes", """
            INSERT INTO Locations (Key, Name, TimeZone, CreatedAt) VALUES ('up', 'Up', 'UTC', 0);
            INSERT INTO PromoCodes (LocationId, Code, NormalizedCode, Enabled, RedemptionType, ValueType, Amount, Quantity, TimesUsed, Combinable,
              InternalOnly, AllLocations, ApplicableTo, ApplyOnlyToApplicable, DaysOfWeek, ExclusionDates, EligibilityRules, FirstOrderOnly,
              OneUsePerAccount, FreeShipping, CreditFromOverage, IsArchived, CreatedAt, UpdatedAt)
            VALUES (1, 'LIMITED', 'LIMITED', 1, 'Percentage', 'PerLineItem', 1000, 7, 3, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, 0, 0),
                   (1, 'OPEN', 'OPEN', 1, 'Percentage', 'PerLineItem', 1000, NULL, 5, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, 0, 0);
            """, async db =>
        {
            var counters = await db.PromoCodes.AsNoTracking().OrderBy(c => c.Code)
                .Select(c => new { c.Code, c.Inventory.Quantity, c.Inventory.TimesUsed }).ToListAsync(Ct);
            Assert.Equal([new { Code = "LIMITED", Quantity = (int?)7, TimesUsed = 3 }, new { Code = "OPEN", Quantity = (int?)null, TimesUsed = 5 }], counters);
        });

    [Fact]
    public async Task Upgrading_leaves_gift_cards_out_of_existing_codes_unless_they_name_one_and_points_copied_groups_at_the_group() =>
        await UpgradeAsync("PeopleAndAudit", """
            INSERT INTO Locations (Key, Name, TimeZone, CreatedAt) VALUES ('up', 'Up', 'UTC', 0);
            INSERT INTO CatalogItems (Key, Name, Kind) VALUES ('gift-25', 'Gift card 25', 'GiftCard'), ('vault', 'The Vault', 'Event'), ('temple', 'Lost Temple', 'Event');
            INSERT INTO VariantTargetingGroups (Name, ItemKeys) VALUES ('Escape rooms', '["vault","temple"]'), ('Other', '["vault"]');
            INSERT INTO Campaigns (Name) VALUES ('Spring');
            INSERT INTO PromoCodes (LocationId, Code, NormalizedCode, Enabled, RedemptionType, ValueType, Amount, Combinable, InternalOnly, AllLocations,
              ApplicableTo, ApplyOnlyToApplicable, DaysOfWeek, ExclusionDates, EligibilityRules, FirstOrderOnly, OneUsePerAccount, FreeShipping,
              CreditFromOverage, IsArchived, CreatedAt, UpdatedAt, VariantTargetingGroupId, CampaignId)
            VALUES (1, 'EVERYTHING', 'EVERYTHING', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, 0, 0, NULL, 1),
                   (1, 'GIFTS', 'GIFTS', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '["gift-25","vault"]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, 0, 0, NULL, NULL),
                   (1, 'ROOMS', 'ROOMS', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '["vault","temple"]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, 0, 0, 1, NULL),
                   (1, 'EDITED', 'EDITED', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '["temple"]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, 0, 0, 2, NULL);
            INSERT INTO Redemptions (PromoCodeId, CodeText, LocationId, OrderNumber, Discount, ShippingDiscount, CreditFromOverage, Status, RedeemedAt)
            VALUES (1, 'EVERYTHING', 1, 'A-1', 1250, 500, 0, 'Applied', 0), (1, 'EVERYTHING', 1, 'A-2', 700, 0, 0, 'Voided', 0);
            """, async db =>
        {
            var codes = await db.PromoCodes.AsNoTracking().OrderBy(c => c.Id)
                .Select(c => new { c.Code, c.IncludeGiftCards, c.ApplicableTo, c.ApplicableGroups, c.UsesPerCustomerPeriod }).ToListAsync(Ct);
            Assert.Equal([false, true, false, false], codes.Select(c => c.IncludeGiftCards));
            Assert.Equal([[], ["gift-25", "vault"], [], ["temple"]], codes.Select(c => c.ApplicableTo));
            Assert.Equal([[], [], ["group-1"], []], codes.Select(c => c.ApplicableGroups));
            Assert.All(codes, c => Assert.Equal(Domain.PromoCodes.UsagePeriod.Ever, c.UsesPerCustomerPeriod));
            var campaign = await db.Campaigns.AsNoTracking().SingleAsync(Ct);
            Assert.Equal((1, 17.50m), (campaign.BudgetRedemptionsUsed, campaign.BudgetDiscountUsed));
            Assert.Equal([1, 1], await db.Redemptions.AsNoTracking().OrderBy(r => r.Id).Select(r => r.CampaignId ?? 0).ToListAsync(Ct));
        });

    [Fact]
    public async Task Upgrading_moves_a_batch_switched_off_code_by_code_onto_the_batchs_own_switch() =>
        await UpgradeAsync("GiftCardsExcludedByDefaultWithExclusionsAndBudgets", """
            INSERT INTO Locations (Key, Name, TimeZone, CreatedAt) VALUES ('up', 'Up', 'UTC', 0);
            INSERT INTO Batches (LocationId, Name, Method, CodeLength, RequestedCount, GeneratedCount, Status, SettingsJson, CreatedAt)
            VALUES (1, 'Disabled then', 'Count', 10, 1, 1, 'Ready', '{{}}', 0), (1, 'Enabled again', 'Count', 10, 1, 1, 'Ready', '{{}}', 0),
                   (1, 'Archived then', 'Count', 10, 1, 1, 'Ready', '{{}}', 0);
            INSERT INTO PromoCodes (LocationId, Code, NormalizedCode, Enabled, RedemptionType, ValueType, Amount, Combinable, InternalOnly, AllLocations,
              ApplicableTo, ApplyOnlyToApplicable, DaysOfWeek, ExclusionDates, EligibilityRules, FirstOrderOnly, OneUsePerAccount, FreeShipping,
              CreditFromOverage, IsArchived, ArchivedAt, CreatedAt, UpdatedAt, BatchId)
            VALUES (1, 'D1', 'D1', 0, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, NULL, 0, 0, 1),
                   (1, 'E1', 'E1', 0, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, NULL, 0, 0, 2),
                   (1, 'A1', 'A1', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 1, 5, 0, 0, 3);
            INSERT INTO AuditEntries (At, Actor, ActorType, EntityType, EntityId, Action, Count) VALUES
              (0, 'admin', 'user', 'batch', '1', 'disable', 1), (0, 'admin', 'user', 'batch', '1', 'archive', 1), (0, 'admin', 'user', 'batch', '1', 'unarchive', 1),
              (0, 'admin', 'user', 'batch', '2', 'disable', 1), (0, 'admin', 'user', 'batch', '2', 'enable', 1),
              (0, 'admin', 'user', 'batch', '3', 'archive', 1);
            """, async db =>
        {
            var batches = await db.Batches.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Disabled, b.Archived }).ToListAsync(Ct);
            Assert.Equal([new { Disabled = true, Archived = false }, new { Disabled = false, Archived = false }, new { Disabled = false, Archived = true }], batches);
            // D1 is enabled on its own again, its batch disabled; E1 was disabled after its batch's enable, and stays so; A1 likewise.
            var codes = await db.PromoCodes.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Enabled, c.IsArchived, c.ArchivedAt }).ToListAsync(Ct);
            Assert.Equal([new { Enabled = true, IsArchived = false, ArchivedAt = (DateTimeOffset?)null }, new { Enabled = false, IsArchived = false, ArchivedAt = (DateTimeOffset?)null },
                new { Enabled = true, IsArchived = false, ArchivedAt = (DateTimeOffset?)null }], codes);
        });

    [Fact]
    public async Task Upgrading_writes_the_codes_of_existing_batches_for_searching_and_leaves_hand_made_codes_out() =>
        await UpgradeAsync("ListSourceAndSorting", """
            INSERT INTO Locations (Key, Name, TimeZone, CreatedAt) VALUES ('up', 'Up', 'UTC', 0);
            INSERT INTO Batches (LocationId, Name, Method, CodeLength, RequestedCount, GeneratedCount, Status, SettingsJson, CreatedAt)
            VALUES (1, 'Old', 'Count', 10, 2, 2, 'Ready', '{{}}', 0);
            INSERT INTO PromoCodes (LocationId, Code, NormalizedCode, Enabled, RedemptionType, ValueType, Amount, Combinable, InternalOnly, AllLocations,
              ApplicableTo, ApplyOnlyToApplicable, DaysOfWeek, ExclusionDates, EligibilityRules, FirstOrderOnly, OneUsePerAccount, FreeShipping,
              CreditFromOverage, IsArchived, ArchivedAt, CreatedAt, UpdatedAt, BatchId)
            VALUES (1, 'OLD-AAA', 'OLDAAA', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, NULL, 0, 0, 1),
                   (1, 'OLD-BBB', 'OLDBBB', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, NULL, 0, 0, 1),
                   (1, 'HANDMADE', 'HANDMADE', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, NULL, 0, 0, NULL);
            """, async db =>
        {
            var texts = await db.BatchCodeTexts.AsNoTracking().Select(t => new { t.BatchId, t.Codes }).ToListAsync(Ct);
            var text = Assert.Single(texts);
            Assert.Equal(1, text.BatchId);
            Assert.Equal(["OLDAAA", "OLDBBB"], text.Codes.Split('\n').Order());
        });

    [Fact]
    public async Task Upgrading_keeps_each_earlier_redemptions_group_batch_and_location_day_for_the_reports() =>
        await UpgradeAsync("BatchCodeTexts", $$$"""
            INSERT INTO Locations (Key, Name, TimeZone, CreatedAt) VALUES ('tokyo', 'Tokyo', 'Asia/Tokyo', 0);
            INSERT INTO PromoCodeGroups (Name, CreatedAt) VALUES ('Grouped', 0);
            INSERT INTO Batches (LocationId, Name, Method, CodeLength, RequestedCount, GeneratedCount, Status, SettingsJson, CreatedAt)
            VALUES (1, 'Old', 'Count', 10, 1, 1, 'Ready', '{{}}', 0);
            INSERT INTO PromoCodes (LocationId, Code, NormalizedCode, Enabled, RedemptionType, ValueType, Amount, Combinable, InternalOnly, AllLocations,
              ApplicableTo, ApplyOnlyToApplicable, DaysOfWeek, ExclusionDates, EligibilityRules, FirstOrderOnly, OneUsePerAccount, FreeShipping,
              CreditFromOverage, IsArchived, ArchivedAt, CreatedAt, UpdatedAt, BatchId, GroupId)
            VALUES (1, 'INGROUP', 'INGROUP', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, NULL, 0, 0, NULL, 1),
                   (1, 'INBATCH', 'INBATCH', 1, 'Percentage', 'PerLineItem', 1000, 0, 0, 0, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, NULL, 0, 0, 1, NULL);
            INSERT INTO Redemptions (PromoCodeId, CodeText, LocationId, OrderNumber, Discount, ShippingDiscount, CreditFromOverage, Status, RedeemedAt)
            VALUES (1, 'INGROUP', 1, 'T-1', 500, 0, 0, 'Applied', {{{DateTimeOffset.Parse("2026-12-06T20:00:00Z", System.Globalization.CultureInfo.InvariantCulture).UtcTicks}}}),
                   (2, 'INBATCH', 1, 'T-2', 500, 0, 0, 'Applied', {{{DateTimeOffset.Parse("2026-12-06T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture).UtcTicks}}});
            """, async db =>
        {
            await PromoAdmin.Domain.Reports.ReportQueries.BackfillDaysAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, Ct);
            var rows = await db.Redemptions.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Day, r.GroupId, r.BatchId }).ToListAsync(Ct);
            // 20:00 UTC is the next morning in Tokyo; 14:00 UTC still the same day's night there.
            Assert.Equal([new { Day = (DateOnly?)new DateOnly(2026, 12, 7), GroupId = (int?)1, BatchId = (int?)null },
                new { Day = (DateOnly?)new DateOnly(2026, 12, 6), GroupId = (int?)null, BatchId = (int?)1 }], rows);
        });

    /// <summary>A SQLite database migrated up to <paramref name="previous"/>, given rows as they were then, then upgraded to the latest.</summary>
    private static async Task UpgradeAsync(string previous, string rowsThen, Func<PromoAdminDbContext, Task> check)
    {
        var path = Path.Combine(Path.GetTempPath(), $"upgrade-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<PromoAdminDbContext>();
            DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
            await using var db = new PromoAdminDbContext(options.Options);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(db.Database.GetMigrations().Last(m => m.EndsWith("_" + previous, StringComparison.Ordinal)), Ct);
            await db.Database.ExecuteSqlRawAsync(rowsThen, Ct);
            await migrator.MigrateAsync(cancellationToken: Ct);
            await check(db);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    [Fact]
    public async Task Two_app_instances_on_one_database_share_sign_in_cookies_and_antiforgery_tokens()
    {
        // The shared app is the first instance; a second one starts on its database (without a batch worker of its own).
        var first = app;
        await using var second = new PromoAdminFactory(first.DatabasePath, new Dictionary<string, string?> { ["Batches:Worker:Enabled"] = "false" });
        var onFirst = await WebSession.SignedInAsync(first);
        var formFromFirst = await onFirst.GetPageAsync("/locations/create");
        var key = "shared-keys-" + TestData.NewTag();

        // The second instance accepts the first one's auth cookie and antiforgery token: the keys live in the database.
        var onSecond = WebSession.Create(second, onFirst.Cookies);
        var response = await onSecond.SubmitAsync(formFromFirst, "form[action='/locations/save']", new()
        {
            ["Key"] = [key], ["Name"] = ["Shared keys"], ["TimeZone"] = ["UTC"],
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = second.Db();
        Assert.True(await scope.Context.Locations.AnyAsync(l => l.Key == key, Ct));
        Assert.True(await scope.Context.DataProtectionKeys.AnyAsync(Ct));
    }
}
