using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;

namespace PromoAdmin.IntegrationTests.Foundation;

/// <summary>
/// SQL Server cannot run here. These tests run the product's SQL Server paths through EF Core's SQL Server provider with
/// the connection, transactions and commands intercepted (nothing reaches a server), capture the SQL it would send with
/// each command's timeout, parse it with ScriptDom and assert on it (docs/decisions/ADR-002-concurrency-and-state.md says why each form matters).
/// </summary>
public sealed class SqlServerOfflineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Sent(string Sql, int Timeout);

    /// <summary>Answers every query from <see cref="Rows"/> (by a text the SQL contains) or with no rows; executes nothing.</summary>
    private sealed class Offline : IDbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
    {
        public List<Sent> Sent { get; } = [];
        public List<(string When, DataTable Rows)> Rows { get; } = [];

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

        public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Sent.Add(new(command.CommandText, command.CommandTimeout));
            // Deletes find nothing (so a delete loop ends after its first step); updates change one row.
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(command.CommandText.StartsWith("DELETE", StringComparison.Ordinal) ? 0 : 1));
        }

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Sent.Add(new(command.CommandText, command.CommandTimeout));
            var table = Rows.FirstOrDefault(r => command.CommandText.Contains(r.When, StringComparison.Ordinal)).Rows ?? NoRows();
            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(table.CreateDataReader()));
        }

        // EF would hand a SqlCommand the stand-in transaction, which it refuses: commands are stand-ins too, never executed.
        public DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result) => new NoCommand();

        public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult<DbTransaction>.SuppressWithResult(new NoTransaction(connection)));

        public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

        public ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());
    }

    /// <summary>No rows, with columns enough for any projection.</summary>
    private static DataTable NoRows()
    {
        var table = new DataTable();
        for (var i = 0; i < 64; i++) table.Columns.Add("c" + i, typeof(object));
        return table;
    }

    /// <summary>A command that keeps what EF gives it and is never run (the interceptor answers for it).</summary>
    private sealed class NoCommand : DbCommand
    {
        private readonly Microsoft.Data.SqlClient.SqlCommand inner = new();
        [System.Diagnostics.CodeAnalysis.AllowNull] public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }
        public override int CommandTimeout { get => inner.CommandTimeout; set => inner.CommandTimeout = value; }
        public override CommandType CommandType { get => inner.CommandType; set => inner.CommandType = value; }
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get; set; }
        protected override DbParameterCollection DbParameterCollection => inner.Parameters;
        protected override DbTransaction? DbTransaction { get; set; }
        public override void Cancel() { }
        public override int ExecuteNonQuery() => throw new InvalidOperationException("offline");
        public override object ExecuteScalar() => throw new InvalidOperationException("offline");
        public override void Prepare() { }
        protected override DbParameter CreateDbParameter() => inner.CreateParameter();
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw new InvalidOperationException("offline");
    }

    private sealed class NoTransaction(DbConnection connection) : DbTransaction
    {
        public override System.Data.IsolationLevel IsolationLevel => System.Data.IsolationLevel.ReadCommitted;
        protected override DbConnection DbConnection => connection;
        public override void Commit() { }
        public override void Rollback() { }
    }

    private static (PromoAdminDbContext Db, Offline Offline) OfflineContext()
    {
        var offline = new Offline();
        var options = new DbContextOptionsBuilder<PromoAdminDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.SqlServer, "Server=(none);Database=PromoAdmin;Trusted_Connection=True");
        options.AddInterceptors(offline);
        return (new PromoAdminDbContext(options.Options), offline);
    }

    /// <summary>The audit trail's writer for a service built by hand: the system acting.</summary>
    private static PromoAdmin.Domain.Audit.AuditLog Audit(PromoAdminDbContext db) => new(db, new PromoAdmin.Domain.Users.Actor(), TimeProvider.System);

    private static DataTable Table(params (string Name, Type Type, object Value)[] columns)
    {
        var table = new DataTable();
        foreach (var (name, type, _) in columns) table.Columns.Add(name, type);
        table.Rows.Add(columns.Select(c => c.Value).ToArray());
        return table;
    }

    [Fact]
    public void The_checkout_counters_are_added_to_in_one_merge_that_holds_its_key_range()
    {
        var sql = PromoAdmin.Domain.Reports.ValidationCountWriter.SqlServerUpsert;
        AssertParses(sql);
        Assert.Contains("MERGE [ValidationCounts] WITH (HOLDLOCK)", sql);
        Assert.Contains("[Count] = t.[Count] + s.[Count]", sql);
    }

    private static void AssertParses(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, sql + "\n" + string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Theory]
    [InlineData("mer10")]
    [InlineData("vip_10")]
    public async Task The_code_filter_matches_anywhere_in_the_code_with_its_wildcards_taken_literally(string typed)
    {
        var (db, _) = OfflineContext();
        await using var _db = db;
        var query = await new PromoCodeService(db, null!, null!, TimeProvider.System, null!, new PromoAdmin.Domain.Users.Actor())
            .QueryAsync(new PromoCodeFilter(1, Code: typed), ct: Ct);
        var sql = query.ToQueryString();
        AssertParses(sql);
        // Both halves of the list; EF escapes the typed text into the pattern's parameter, so '_' and '%' match only themselves.
        Assert.Equal(2, Regex.Matches(sql, @"\[NormalizedCode\] LIKE @\w+ ESCAPE N'\\'").Count);
        var escaped = PromoCode.Normalize(typed).Replace("_", "\\_").Replace("%", "\\%");
        Assert.Contains($"N'%{escaped}%'", sql);
    }

    [Theory]
    [InlineData("code", "asc")]
    [InlineData("amount", "desc")]
    [InlineData("remaining", "desc")]
    [InlineData("used", "asc")]
    [InlineData("updated", "desc")]
    public async Task Every_sort_of_the_list_is_valid_sql_server_sql(string sort, string dir)
    {
        var (db, _) = OfflineContext();
        await using var _db = db;
        Assert.True(PromoCodeOrder.TryParse(sort, dir, out var order, out _));
        var query = await new PromoCodeService(db, null!, null!, TimeProvider.System, null!, new PromoAdmin.Domain.Users.Actor())
            .QueryAsync(new PromoCodeFilter(1, Source: CodeSource.Batch), order, Ct);
        var sql = query.ToQueryString();
        AssertParses(sql);
        Assert.Contains("ORDER BY", sql);
        Assert.Contains("[BatchId] IS NOT NULL", sql);
    }

    [Fact]
    public async Task The_status_filter_is_one_query_with_a_date_term_per_day_the_locations_are_on()
    {
        var (db, offline) = OfflineContext();
        await using var _db = db;
        // 14:00 UTC on 10 March 2026: New York (1) and London (3) on the 10th, Sydney (2) on the 11th.
        var locations = new DataTable();
        locations.Columns.Add("Id", typeof(int));
        locations.Columns.Add("TimeZone", typeof(string));
        foreach (var (id, zone) in new[] { (1, "America/New_York"), (2, "Australia/Sydney"), (3, "Europe/London") }) locations.Rows.Add(id, zone);
        offline.Rows.Add(("FROM [Locations]", locations));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero));
        var codes = new PromoCodeService(db, null!, null!, clock, null!, new PromoAdmin.Domain.Users.Actor());
        var sql = (await codes.QueryAsync(new PromoCodeFilter(1, Status: CodeStatus.Expired), ct: Ct)).ToQueryString();
        AssertParses(sql);
        // The location's own codes on its one date; the shared ones on each of the two dates the other locations are on.
        Assert.Equal(3, Regex.Matches(sql, @"\[PurchaseEnd\] < ").Count);
        Assert.Contains("'2026-03-10'", sql);
        Assert.Contains("'2026-03-11'", sql);
        Assert.Single(Regex.Matches(sql, @"UNION ALL"));
    }

    [Fact]
    public void Batch_chunks_take_the_application_lock_and_no_range_locks()
    {
        var (db, _) = OfflineContext();
        using var _db = db;
        foreach (var (allLocations, segment) in new[] { (false, false), (true, false), (false, true) })
        {
            var sql = BatchCodeInserter.BuildSql(db, allLocations, segment, sqlite: false);
            AssertParses(sql);
            Assert.DoesNotContain("UPDLOCK", sql);
            Assert.DoesNotContain("HOLDLOCK", sql);
        }
        AssertParses(BatchCodeInserter.SqlServerChunkLock);
        Assert.Matches(@"sp_getapplock @Resource = N'PromoAdmin\.BatchCodes', @LockMode = N'Exclusive', @LockOwner = N'Transaction'", BatchCodeInserter.SqlServerChunkLock);
        Assert.True(DbTransactions.SqlServerRowsPerStatement < 5_000, "chunks stay under SQL Server's lock-escalation threshold");
        // The last-Admin guard's lock, held to the end of its transaction like the batch chunks'.
        AssertParses(PromoAdmin.Domain.Users.UserService.SqlServerAdminsLock);
        Assert.Matches(@"sp_getapplock @Resource = N'PromoAdmin\.Admins', @LockMode = N'Exclusive', @LockOwner = N'Transaction'", PromoAdmin.Domain.Users.UserService.SqlServerAdminsLock);
    }

    [Fact]
    public async Task Deleting_a_batch_removes_its_codes_in_steps_under_the_escalation_threshold_with_a_long_timeout()
    {
        var (db, offline) = OfflineContext();
        await using var _db = db;
        offline.Rows.Add(("FROM [Batches]", Table(("Status", typeof(string), "Ready"), ("LocationId", typeof(int), 1), ("LocationName", typeof(string), "Downtown"), ("Name", typeof(string), "Spring"), ("LocationKey", typeof(string), "downtown"), ("Method", typeof(string), "Count"), ("Archived", typeof(bool), false), ("Disabled", typeof(bool), false))));
        offline.Rows.Add(("INSERT INTO [AuditEntries]", Table(("Id", typeof(long), 1L))));
        offline.Rows.Add(("COUNT(*)", Table(("Count", typeof(int), 0))));
        var service = new BatchService(db, null!, new BatchJobSignal(), Audit(db), TimeProvider.System, null!, new PromoAdmin.Domain.Users.Actor(), null!);
        // Offline nothing is deleted, so the batch is "not found" at the end: what matters is the SQL on the way.
        await Assert.ThrowsAsync<PromoAdmin.Domain.Common.NotFoundException>(() => service.DeleteAsync(7, 1, Ct));
        var step = offline.Sent.First(s => s.Sql.StartsWith("DELETE", StringComparison.Ordinal)).Sql;
        AssertParses(step);
        Assert.Matches(@"SELECT TOP\((@\w+|4000)\)", step);
        Assert.Equal(300, offline.Sent.First(s => s.Sql.StartsWith("DELETE", StringComparison.Ordinal)).Timeout);
    }

    [Fact]
    public async Task Batch_level_switches_are_one_update_of_the_batchs_own_row()
    {
        var (db, offline) = OfflineContext();
        await using var _db = db;
        offline.Rows.Add(("FROM [Batches]", Table(("Status", typeof(string), "Ready"), ("LocationId", typeof(int), 1), ("LocationName", typeof(string), "Downtown"), ("Name", typeof(string), "Spring"), ("LocationKey", typeof(string), "downtown"), ("Method", typeof(string), "Count"), ("Archived", typeof(bool), false), ("Disabled", typeof(bool), false))));
        offline.Rows.Add(("INSERT INTO [AuditEntries]", Table(("Id", typeof(long), 1L))));
        offline.Rows.Add(("COUNT(*)", Table(("Count", typeof(int), 40))));
        var service = new BatchService(db, null!, new BatchJobSignal(), Audit(db), TimeProvider.System, null!, new PromoAdmin.Domain.Users.Actor(), null!);
        foreach (var change in Enum.GetValues<BatchCodeChange>()) Assert.Equal(40, await service.ChangeCodesAsync(7, 1, change, Ct));
        var updates = offline.Sent.Where(s => s.Sql.StartsWith("UPDATE", StringComparison.Ordinal)).Select(s => s.Sql).ToList();
        Assert.Equal(4, updates.Count);
        Assert.All(updates, AssertParses);
        Assert.All(updates, u => Assert.Matches(@"SET \[b\]\.\[(Disabled|Archived)\] = [\s\S]*FROM \[Batches\] AS \[b\]", u));
        Assert.All(updates, u => Assert.DoesNotContain("[PromoCodes]", u));
    }

    [Fact]
    public async Task Modify_inventory_and_bulk_update_run_with_a_long_timeout_inside_the_execution_strategy()
    {
        var (db, offline) = OfflineContext();
        await using var _db = db;
        offline.Rows.Add(("FROM [Batches]", Table(("Status", typeof(string), "Ready"), ("LocationId", typeof(int), 1), ("LocationName", typeof(string), "Downtown"), ("Name", typeof(string), "Spring"), ("LocationKey", typeof(string), "downtown"), ("Method", typeof(string), "Count"), ("Archived", typeof(bool), false), ("Disabled", typeof(bool), false))));
        offline.Rows.Add(("INSERT INTO [AuditEntries]", Table(("Id", typeof(long), 1L))));
        await new BatchService(db, null!, new BatchJobSignal(), Audit(db), TimeProvider.System, null!, new PromoAdmin.Domain.Users.Actor(), null!).ModifyInventoryAsync(7, 1, InventoryAction.Set, 3, Ct);
        var inventory = Assert.Single(offline.Sent, s => s.Sql.StartsWith("UPDATE", StringComparison.Ordinal));
        AssertParses(inventory.Sql);
        Assert.Equal(300, inventory.Timeout);

        var (db2, offline2) = OfflineContext();
        await using var _db2 = db2;
        offline2.Rows.Add(("INSERT INTO [AuditEntries]", Table(("Id", typeof(long), 1L))));
        offline2.Rows.Add(("FROM [Locations]", Table(("Id", typeof(int), 1), ("CreatedAt", typeof(DateTimeOffset), DateTimeOffset.UtcNow), ("Key", typeof(string), "downtown"), ("Name", typeof(string), "Downtown"), ("TimeZone", typeof(string), "UTC"))));
        var validator = new PromoCodeInputValidator(db2);
        var codes = new PromoCodeService(db2, validator, Audit(db2), TimeProvider.System, null!, new PromoAdmin.Domain.Users.Actor());
        var locations = new LocationService(db2, new LocationInputValidator(), Audit(db2), TimeProvider.System, new PromoAdmin.Domain.Users.Actor());
        await new BulkUpdateService(db2, validator, new BulkUpdateRequestValidator(), locations, codes, Audit(db2), TimeProvider.System, new PromoAdmin.Domain.Users.Actor()).UpdateAsync(
            new BulkUpdateRequest("downtown", null, [1, 2, 3], false, ["amount", "quantity"], new PromoCodeInput { Amount = 5, Quantity = 10 }), Ct);
        var updates = offline2.Sent.Where(s => s.Sql.StartsWith("UPDATE", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, updates.Count); // the counters, then the codes
        Assert.All(updates, u => { AssertParses(u.Sql); Assert.Equal(300, u.Timeout); });
        Assert.Contains("OPENJSON", updates[1].Sql); // the chosen ids as one parameter, whatever their number
    }

    [Fact]
    public async Task Retries_are_on_and_a_transaction_outside_the_strategy_is_refused()
    {
        var (db, _) = OfflineContext();
        await using var _db = db;
        Assert.True(db.Database.CreateExecutionStrategy().RetriesOnFailure);
        await db.Database.BeginTransactionAsync(Ct);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Batches.Where(b => b.Id == 1).ExecuteDeleteAsync(Ct));
        Assert.Contains("execution strategy", refused.Message);
    }

    [Fact]
    public void Every_transaction_of_the_product_is_opened_inside_the_execution_strategy()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "PromoAdmin.sln"))) dir = dir.Parent;
        var offenders = Directory.EnumerateFiles(Path.Combine(dir.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("Migrations"))
            .Where(f => !f.EndsWith("DbTransactions.cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("BeginTransaction", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public async Task The_idempotency_claim_and_its_fenced_completion()
    {
        var (db, offline) = OfflineContext();
        await using var _db = db;
        offline.Rows.Add(("INSERT INTO [IdempotencyRecords]", Table(("Id", typeof(long), 41L))));
        var store = new IdempotencyStore(db, new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z")));
        var owned = Assert.IsType<IdempotencyClaim.Owned>(await store.ClaimAsync(3, "key-1", "ABC", Ct));
        Assert.True(await store.CompleteAsync(owned, 200, "{}", Ct));
        var insert = offline.Sent.First(s => s.Sql.Contains("INSERT INTO [IdempotencyRecords]", StringComparison.Ordinal)).Sql;
        var complete = offline.Sent.Last().Sql;
        AssertParses(insert);
        AssertParses(complete);
        Assert.Matches(@"\[StatusCode\] = 0 AND \[\w+\]\.\[LeaseUntil\] = @", complete);
    }

    [Fact]
    public void The_migrations_turn_on_read_committed_snapshot_outside_a_transaction_and_compare_keys_byte_for_byte()
    {
        var (db, _) = OfflineContext();
        using var _db = db;
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        AssertParses(script);
        Assert.Matches(@"is_read_committed_snapshot_on = 0[\s\S]*SET READ_COMMITTED_SNAPSHOT ON", script);
        Assert.Matches(@"ALTER TABLE \[IdempotencyRecords\] ALTER COLUMN \[Key\] nvarchar\(200\) COLLATE Latin1_General_100_BIN2", script);
        Assert.Matches(@"ALTER TABLE \[AccountCodeUses\] ALTER COLUMN \[CustomerKey\] nvarchar\(100\) COLLATE Latin1_General_100_BIN2", script);
        // ALTER DATABASE cannot run inside a transaction: the migration's statement is not wrapped in one.
        var migration = db.GetService<IMigrationsAssembly>().Migrations.Keys.Single(k => k.EndsWith("_ReadCommittedSnapshot", StringComparison.Ordinal));
        var commands = db.GetService<IMigrator>().GenerateScript(fromMigration: db.Database.GetMigrations().TakeWhile(m => m != migration).Last(), toMigration: migration);
        Assert.DoesNotMatch(@"BEGIN TRANSACTION;\s*(GO\s*)?\s*IF[\s\S]*READ_COMMITTED_SNAPSHOT", commands);
    }

    [Fact]
    public async Task Searches_and_the_redemption_code_filter_leave_case_to_the_collation()
    {
        var (db, offline) = OfflineContext();
        await using var _db = db;
        var customers = db.Customers.WhereAnyContains(db, "Ada", c => c.Name, c => c.Email).ToQueryString();
        AssertParses(customers);
        Assert.DoesNotContain("LOWER", customers);
        Assert.Contains("LIKE", customers);
        offline.Rows.Add(("COUNT(*)", Table(("Count", typeof(int), 0))));
        await new PromoAdmin.Domain.Redemptions.RedemptionQueries(db, new PromoAdmin.Domain.Users.Actor()).ListAsync(new PromoAdmin.Domain.Redemptions.RedemptionFilter(Code: "summer10"), new PageRequest(1, 10), Ct);
        Assert.NotEmpty(offline.Sent);
        Assert.All(offline.Sent, s => { AssertParses(s.Sql); Assert.DoesNotContain("UPPER", s.Sql); });
        Assert.Equal(1000, RelationalOptionsExtension.Extract(db.GetService<IDbContextOptions>()).MaxBatchSize);
    }

    [Fact]
    public async Task The_redemptions_location_and_day_filters_translate_to_one_query_on_the_location_and_its_days()
    {
        var (db, offline) = OfflineContext();
        await using var _db = db;
        offline.Rows.Add(("COUNT(*)", Table(("Count", typeof(int), 0))));
        var filter = new PromoAdmin.Domain.Redemptions.RedemptionFilter { LocationId = 4, From = new DateOnly(2026, 12, 1), To = new DateOnly(2026, 12, 2) };
        await new PromoAdmin.Domain.Redemptions.RedemptionQueries(db, new PromoAdmin.Domain.Users.Actor()).SearchAsync(filter, new PageRequest(1, 10), Ct);
        var count = Assert.Single(offline.Sent, s => s.Sql.Contains("COUNT(*)", StringComparison.Ordinal)).Sql;
        AssertParses(count);
        Assert.Matches(@"\[LocationId\] = @[\s\S]*\[Day\] >= @[\s\S]*\[Day\] <= @", count);
    }

    [Fact]
    public async Task A_batch_job_is_leased_by_one_conditional_update()
    {
        var (db, offline) = OfflineContext();
        await using var _db = db;
        offline.Rows.Add(("FROM [BatchJobs]", Table(("Id", typeof(int), 7))));
        using var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddSingleton(db).BuildServiceProvider();
        var runner = new BatchJobRunner(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>(services),
            TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new BatchWorkerOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<BatchJobRunner>.Instance);
        Assert.Equal(7, await runner.LeaseNextAsync(Ct));
        var lease = Assert.Single(offline.Sent, s => s.Sql.StartsWith("UPDATE", StringComparison.Ordinal)).Sql;
        AssertParses(lease);
        // The condition is in the UPDATE itself: of two instances racing for the job, exactly one changes the row.
        Assert.Matches(@"WHERE [\s\S]*\[Id\] = [\s\S]*\[Status\] = N'Queued'[\s\S]*\[LeaseExpiresAt\] < ", lease);
        Assert.Contains("[Attempts] + 1", lease);
    }
}
