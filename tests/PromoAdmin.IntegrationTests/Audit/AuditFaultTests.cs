using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Audit;

/// <summary>
/// The app with one fault: a request carrying <see cref="Header"/> has its transaction killed as it is about to commit,
/// after every statement of the change and of its audit entry ran (docs/rules.md#audit).
/// </summary>
public sealed class CommitFailingApp() : PromoAdminFactory(null, new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "100000" }), IAsyncLifetime
{
    public const string Header = "X-Fail-Commit";
    private static readonly AsyncLocal<bool> Marked = new();

    /// <summary>How many commits were killed.</summary>
    public int Killed => interceptor.Killed;

    private readonly KillCommit interceptor = new();

    public ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s =>
        {
            s.ConfigureDbContext<PromoAdminDbContext>(o => o.AddInterceptors(interceptor));
            s.AddSingleton<IStartupFilter>(new MarkRequests());
        });
    }

    private sealed class MarkRequests : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext http, RequestDelegate inner) =>
            {
                Marked.Value = http.Request.Headers.ContainsKey(Header);
                await inner(http);
            });
            next(app);
        };
    }

    private sealed class KillCommit : DbTransactionInterceptor
    {
        private int killed;
        public int Killed => Volatile.Read(ref killed);

        public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            Kill();
            return result;
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default)
        {
            Kill();
            return ValueTask.FromResult(result);
        }

        private void Kill()
        {
            if (!Marked.Value) return;
            Interlocked.Increment(ref killed);
            throw new InvalidOperationException("The transaction was killed before its commit, on purpose.");
        }
    }
}

public sealed class AuditFaultTests(CommitFailingApp factory) : IClassFixture<CommitFailingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Faulty()
    {
        var client = factory.ApiClient();
        client.DefaultRequestHeaders.Add(CommitFailingApp.Header, "1");
        return client;
    }

    private async Task<(List<AuditEntry> Entries, List<PromoCode> Codes)> StoredAsync(TestWorld world)
    {
        await using var scope = factory.Db();
        var entries = await scope.Context.AuditEntries.AsNoTracking().Where(e => e.LocationKey == world.Home).ToListAsync(Ct);
        var codes = await scope.Context.PromoCodes.AsNoTracking().Where(c => c.LocationId == world.HomeId).OrderBy(c => c.Id).ToListAsync(Ct);
        return (entries, codes);
    }

    [Fact]
    public async Task A_change_whose_commit_is_killed_leaves_neither_the_change_nor_its_entry()
    {
        var world = await factory.WorldAsync();
        var ids = new List<int>();
        for (var i = 0; i < 3; i++) ids.Add((await factory.AddCodeAsync(world.HomeId, world.Code($"F{i}"), c => c.Amount = 5)).Id);
        var killedBefore = factory.Killed;

        // A code's update (one SaveChanges), a create (the code, then its entry), and a bulk update (a set-based statement and
        // its entry in one explicit transaction): each answers 500 and leaves nothing behind.
        var details = JsonNode.Parse(await factory.ApiClient().GetStringAsync($"/api/v1/promo-codes/{ids[0]}", Ct))!.AsObject();
        details["amount"] = 9;
        Assert.Equal(HttpStatusCode.InternalServerError, (await Faulty().PutAsJsonAsync($"/api/v1/promo-codes/{ids[0]}", details, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await Faulty().PostAsJsonAsync("/api/v1/promo-codes",
            new { code = world.Code("NEVER"), locationKey = world.Home, amount = 10 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await Faulty().PostAsJsonAsync("/api/v1/promo-codes/bulk-update",
            new { locationKey = world.Home, all = true, fields = new { amount = 50 } }, Ct)).StatusCode);
        Assert.Equal(3, factory.Killed - killedBefore);

        var (entries, codes) = await StoredAsync(world);
        Assert.Empty(entries);
        Assert.Equal(ids, codes.Select(c => c.Id));
        Assert.All(codes, c => Assert.Equal(5m, c.Amount));

        // The same requests unharmed: each change and its entry.
        await factory.ApiClient().PutAsJsonAsync($"/api/v1/promo-codes/{ids[0]}", details, Ct).ExpectAsync(HttpStatusCode.OK);
        await factory.ApiClient().PostAsJsonAsync("/api/v1/promo-codes", new { code = world.Code("NEVER"), locationKey = world.Home, amount = 10 }, Ct)
            .ExpectAsync(HttpStatusCode.Created);
        await factory.ApiClient().PostAsJsonAsync("/api/v1/promo-codes/bulk-update", new { locationKey = world.Home, all = true, fields = new { amount = 50 } }, Ct)
            .ExpectAsync(HttpStatusCode.OK);
        (entries, codes) = await StoredAsync(world);
        Assert.Equal([AuditActions.BulkUpdate, AuditActions.Create, AuditActions.Update], entries.Select(e => e.Action).Order());
        Assert.Equal(4, codes.Count);
        Assert.All(codes, c => Assert.Equal(50m, c.Amount));
    }
}
