using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.IntegrationTests.Foundation;

/// <summary>
/// No SQL Server runs here, so the counter statements (docs/decisions/ADR-003-inventory-table.md) are translated by EF Core's SQL Server provider with the
/// connection and the commands suppressed, and the SQL it would send is parsed: each must update PromoCodeInventory alone.
/// </summary>
public sealed class SqlServerInventoryStatementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Offline : IDbConnectionInterceptor, IDbCommandInterceptor
    {
        public List<string> Sent { get; } = [];

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Sent.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(1));
        }
    }

    private static async Task<string> SqlOfAsync(Func<PromoAdminDbContext, Task<int>> statement)
    {
        var offline = new Offline();
        var options = new DbContextOptionsBuilder<PromoAdminDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.SqlServer, "Server=(none);Database=PromoAdmin;Trusted_Connection=True");
        options.AddInterceptors(offline);
        await using var db = new PromoAdminDbContext(options.Options);
        await statement(db);
        var sql = Assert.Single(offline.Sent);
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, sql + "\n" + string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
        // UPDATE [alias] ... FROM [PromoCodeInventory] AS [alias]: the one table written.
        Assert.Matches(new Regex(@"^UPDATE \[(?<t>\w+)\][\s\S]*FROM \[PromoCodeInventory\] AS \[\k<t>\]"), sql);
        return sql;
    }

    [Fact]
    public async Task Redeem_takes_one_usage_only_from_an_enabled_unarchived_code_with_some_left()
    {
        var sql = await SqlOfAsync(db => InventoryUpdates.TakeOneAsync(db, 42, Ct));
        Assert.Contains("FROM [PromoCodes]", sql);
        Assert.Contains("[IsArchived] = CAST(0 AS bit)", sql);
        Assert.Contains("[Enabled] = CAST(1 AS bit)", sql);
        Assert.Contains("[Quantity] > 0", sql);
        Assert.Contains("[TimesUsed] + 1", sql);
    }

    [Fact]
    public async Task Void_gives_one_usage_back()
    {
        var sql = await SqlOfAsync(db => InventoryUpdates.GiveBackOneAsync(db, 42, Ct));
        Assert.Contains("[Quantity] + 1", sql);
        Assert.DoesNotContain("[PromoCodes]", sql);
    }

    [Fact]
    public async Task Set_and_increment_choose_the_batch_codes_by_an_id_query()
    {
        foreach (var statement in new Func<PromoAdminDbContext, Task<int>>[]
                 {
                     db => InventoryUpdates.SetAsync(db, db.PromoCodes.Where(c => c.BatchId == 7).Select(c => c.Id), 5, Ct),
                     db => InventoryUpdates.IncrementAsync(db, db.PromoCodes.Where(c => c.BatchId == 7).Select(c => c.Id), 5, Ct),
                 })
        {
            var sql = await SqlOfAsync(statement);
            Assert.Matches(new Regex(@"\[PromoCodeId\] IN \(\s*SELECT \[\w+\]\.\[Id\]\s+FROM \[PromoCodes\]"), sql);
            Assert.Contains("[BatchId] = 7", sql);
        }
    }
}
