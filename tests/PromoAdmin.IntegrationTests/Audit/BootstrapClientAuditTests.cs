using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Audit;

/// <summary>The configured bootstrap key, set up at start-up, is in the trail: created, and re-enabled after a revocation.</summary>
public sealed class BootstrapClientAuditTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_up_records_creating_the_bootstrap_client_and_re_enabling_it_as_the_system()
    {
        var key = "pa_test_other_bootstrap_" + TestData.NewTag() + "0123456789";
        int id;
        await using (var scope = app.Db())
        {
            var clients = scope.Services.GetRequiredService<ApiClientService>();
            await clients.EnsureBootstrapClientAsync(key, Ct);
            id = await scope.Context.ApiClients.Where(c => c.KeyPrefix == ApiClientService.PrefixOf(key)).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync(Ct);
            await clients.RevokeAsync(id, Ct);
            await clients.EnsureBootstrapClientAsync(key, Ct); // the next start-up: configuration wins
            await clients.EnsureBootstrapClientAsync(key, Ct); // and one more, with nothing to change
        }
        await using var check = app.Db();
        var entries = await check.Context.AuditEntries.Where(e => e.EntityType == "apiClient" && e.EntityId == id.ToString()).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal(["create", "revoke", "update"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("system", "system"), (e.Actor, e.ActorType)));
        Assert.Contains("\"field\":\"revokedAt\"", entries[2].Changes);
        Assert.Null((await check.Context.ApiClients.FirstAsync(c => c.Id == id, Ct)).RevokedAt);
    }
}
