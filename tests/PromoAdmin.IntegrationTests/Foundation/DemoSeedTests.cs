using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using PromoAdmin.IntegrationTests.Infrastructure;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.IntegrationTests.Foundation;

public sealed class DemoFactory() : PromoAdminFactory(null, new Dictionary<string, string?> { ["Seed:Demo"] = "true" });

public sealed class DemoSeedTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    [Fact]
    public async Task Demo_seed_has_locations_in_different_zones_items_of_every_kind_customers_segments_and_codes()
    {
        _ = factory.Server;
        await using var scope = factory.Db();
        var db = scope.Context;
        var zones = await db.Locations.Select(l => l.TimeZone).ToListAsync();
        Assert.Equal(3, zones.Count);
        Assert.Equal(3, zones.Distinct().Count());
        var kinds = await db.CatalogItems.GroupBy(i => i.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(3, kinds.Count);
        Assert.InRange(kinds.Sum(k => k.Count), 25, 40);
        Assert.Equal(200, await db.Customers.CountAsync());
        Assert.Equal(3, await db.Segments.CountAsync());
        Assert.True(await db.Campaigns.CountAsync() >= 2);
        Assert.True(await db.PromoCodes.CountAsync(c => c.BatchId == null) >= 5);
        Assert.Equal(2, await db.Batches.CountAsync());
    }

    [Fact]
    public async Task Demo_holds_ninety_days_of_redemptions_and_refusals_that_agree_with_each_codes_uses_quantity_and_budget()
    {
        _ = factory.Server;
        await using var scope = factory.Db();
        var db = scope.Context;
        var now = DateTimeOffset.UtcNow;
        var redemptions = await db.Redemptions.AsNoTracking().ToListAsync();
        Assert.InRange(redemptions.Count, 500, 5_000);
        Assert.All(redemptions, r => Assert.InRange(r.RedeemedAt, now.AddDays(-91), now));
        Assert.True(redemptions.Select(r => r.RedeemedAt.UtcDateTime.Date).Distinct().Count() >= 85, "a redemption most days");
        Assert.Contains(redemptions, r => r.Status == PromoAdmin.Domain.Redemptions.RedemptionStatus.Voided);
        var applied = redemptions.Where(r => r.Status == PromoAdmin.Domain.Redemptions.RedemptionStatus.Applied).ToList();

        var codes = await db.PromoCodes.AsNoTracking().Include(c => c.Inventory).Where(c => c.BatchId == null).ToListAsync();
        foreach (var code in codes)
            Assert.True(applied.Count(r => r.PromoCodeId == code.Id) == code.Inventory.TimesUsed, $"{code.Code}: uses agree with its redemptions");
        var weekend5 = codes.Single(c => c.Code == "WEEKEND5");
        Assert.Equal(100 - weekend5.Inventory.TimesUsed, weekend5.Inventory.Quantity);
        foreach (var campaign in await db.Campaigns.AsNoTracking().ToListAsync())
        {
            var used = applied.Where(r => r.CampaignId == campaign.Id).ToList();
            Assert.Equal((used.Count, used.Sum(r => r.Given)), (campaign.BudgetRedemptionsUsed, campaign.BudgetDiscountUsed));
            Assert.True(campaign.BudgetMaxDiscount is null || campaign.BudgetDiscountUsed <= campaign.BudgetMaxDiscount, campaign.Name);
        }
        var sorry = codes.Single(c => c.Code == "SORRY20");
        var sorryUses = await db.AccountCodeUses.AsNoTracking().Where(u => u.PromoCodeId == sorry.Id).Select(u => u.CustomerKey).ToListAsync();
        Assert.Equal(applied.Where(r => r.PromoCodeId == sorry.Id).Select(r => r.CustomerKey).Order(), sorryUses.Order());

        var counts = await db.ValidationCounts.AsNoTracking().ToListAsync();
        var refusals = counts.Where(c => c.Outcome is not ("valid" or "redeemed")).ToList();
        Assert.True(refusals.Select(c => c.Day).Distinct().Count() >= 85, "refusals most days");
        Assert.Contains(refusals, c => c.Outcome == "code_not_found" && c.PromoCodeId == 0);
        Assert.Equal(redemptions.Count, counts.Where(c => c.Outcome == "redeemed").Sum(c => c.Count));
    }

    [Fact]
    public async Task Every_demo_user_signs_in_with_the_printed_password()
    {
        foreach (var (email, _) in StartupTasks.DemoUsers)
        {
            var session = WebSession.Create(factory);
            var response = await session.SignInAsync(email, StartupTasks.DemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var home = await session.GetPageAsync("/");
            Assert.Equal(email, home.QuerySelector("#user-menu")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task Demo_has_a_person_of_every_role_and_their_changes_in_the_audit_trail()
    {
        _ = factory.Server;
        await using var scope = factory.Db();
        var db = scope.Context;
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Join(db.Users.Where(u => u.Email!.EndsWith("@demo.promoadmin")), x => x.UserId, u => u.Id, (x, u) => x.Name).Distinct().ToListAsync();
        Assert.Equal(PromoAdmin.Domain.Users.Roles.All.Order(), roles.Order());
        var entries = await db.AuditEntries.Where(e => e.Actor.EndsWith("@demo.promoadmin")).ToListAsync();
        Assert.Contains(entries, e => e.Actor == "manager@demo.promoadmin" && e.Action == "update" && e.EntityName == "SUMMER10" && e.Changes!.Contains("description"));
        Assert.Contains(entries, e => e.Actor == "admin@demo.promoadmin" && e.Action == "archive");
        Assert.True(entries.Count >= 4, $"{entries.Count} demo entries");
        Assert.Contains(await db.AuditEntries.Select(e => e.Action).Distinct().ToListAsync(), a => a == "generate");
    }

    [Fact]
    public async Task Running_the_start_up_tasks_again_adds_nothing()
    {
        _ = factory.Server;
        // Batch codes are left out: the background worker may still be generating the demo batches.
        int Count(PromoAdmin.Domain.Data.PromoAdminDbContext db) => db.Locations.Count() + db.CatalogItems.Count() + db.Customers.Count() + db.Users.Count()
            + db.PromoCodes.Count(c => c.BatchId == null) + db.Batches.Count() + db.Redemptions.Count() + db.ValidationCounts.Count() + db.AuditEntries.Count(e => e.Actor.EndsWith("@demo.promoadmin"));
        int before;
        await using (var scope = factory.Db()) before = Count(scope.Context);
        await StartupTasks.RunAsync(factory.Services, factory.Services.GetRequiredService<IConfiguration>(), seedDemo: true);
        await using (var scope = factory.Db()) Assert.Equal(before, Count(scope.Context));
    }
}
