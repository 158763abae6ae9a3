using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Seeding;
using PromoAdmin.Domain.Settings;
using PromoAdmin.Domain.Users;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>Runs before the app serves: migrations, the organisation's settings, the bootstrap key and admin, the demo seed.</summary>
public static class StartupTasks
{
    public const string DemoPassword = "Demo-pass-2026";

    public static readonly (string Email, string Role)[] DemoUsers =
    [
        ("admin@demo.promoadmin", Roles.Admin),
        ("manager@demo.promoadmin", Roles.Manager),
        ("service@demo.promoadmin", Roles.CustomerService),
        ("viewer@demo.promoadmin", Roles.Viewer),
    ];

    public static async Task RunAsync(IServiceProvider services, IConfiguration config, bool seedDemo, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PromoAdminDbContext>();
        await DatabaseSetup.MigrateAsync(db, ct);
        await PromoAdmin.Domain.Reports.ReportQueries.BackfillDaysAsync(db, sp.GetRequiredService<ILoggerFactory>().CreateLogger("PromoAdmin.Startup"), ct);

        // Several instances may start at once on an empty database: the reads-then-inserts below run one instance at a time
        // (SQLite: the write lock, taken by a first write; SQL Server: an application lock), so each row is seeded once.
        await db.InTransactionAsync(async (tx, token) =>
        {
            if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("UPDATE \"AccountSettings\" SET \"Id\" = \"Id\" WHERE 1 = 0;", token);
            else await db.Database.ExecuteSqlRawAsync(SqlServerSeedLock, token);
            await SeedEssentialsAsync(sp, db, config, token);
            await tx.CommitAsync(token);
            return true;
        }, ct);

        if (seedDemo)
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            await DemoData.SeedAsync(db, sp.GetRequiredService<TimeProvider>(), ct);
            await SeedDemoBatchesAsync(db, sp.GetRequiredService<BatchService>(), ct);
            foreach (var (email, role) in DemoUsers)
                await EnsureUserAsync(users, email, DemoPassword, role, resetPassword: false);
            await SeedDemoHistoryAsync(sp, db, users, ct);
        }
    }

    /// <summary>
    /// A few changes made by the demo people through the services, as they would make them, so that the audit page and a
    /// code's History tab are not empty on a first run. Once: not when any demo person has an entry already.
    /// </summary>
    private static async Task SeedDemoHistoryAsync(IServiceProvider sp, PromoAdminDbContext db, UserManager<AppUser> users, CancellationToken ct)
    {
        if (await db.AuditEntries.AnyAsync(e => e.Actor.EndsWith("@demo.promoadmin"), ct)) return;
        var codes = sp.GetRequiredService<PromoCodeService>();
        var actor = sp.GetRequiredService<Actor>();
        async Task ActAsAsync(string email, string role)
        {
            var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"Demo user {email} is missing.");
            actor.SetUser(user.Id, email, role, null);
        }
        async Task EditAsync(string code, Func<PromoCodeInput, PromoCodeInput> change)
        {
            var id = await db.PromoCodes.Where(c => c.Code == code).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (id is null || await codes.GetDetailsAsync(id.Value, ct) is not { } details) return;
            await codes.UpdateAsync(id.Value, change(details), null, ct);
        }

        await ActAsAsync("manager@demo.promoadmin", Roles.Manager);
        await EditAsync("SUMMER10", c => c with { Description = "Summer sale: 10% off every line, extended to Labor Day", Quantity = 500 });
        await EditAsync("WEEKEND5", c => c with { Display = "Weekend special: $5 off" });
        await ActAsAsync("admin@demo.promoadmin", Roles.Admin);
        await EditAsync("SORRY20", c => c with { Amount = 25, Description = "Apology code, raised after the weekend outage" });
        var spring = await db.PromoCodes.Where(c => c.Code == "SPRING2026").Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (spring is int springId)
        {
            await codes.SetArchivedAsync(springId, false, null, ct);
            await codes.SetArchivedAsync(springId, true, null, ct);
        }
        db.ChangeTracker.Clear();
    }

    internal const string SqlServerSeedLock =
        "EXEC sp_getapplock @Resource = N'PromoAdmin.Seed', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 120000;";

    /// <summary>The organisation's settings, the roles, the bootstrap API client and admin: what a fresh database needs to be used.</summary>
    private static async Task SeedEssentialsAsync(IServiceProvider sp, PromoAdminDbContext db, IConfiguration config, CancellationToken ct)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if (!await db.AccountSettings.AnyAsync(ct))
        {
            db.AccountSettings.Add(new AccountSettings
            {
                CreditsEnabled = config.GetValue("Account:CreditsEnabled", true),
                Currency = config["Account:Currency"] ?? "USD",
            });
            await db.SaveChangesAsync(ct);
        }

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var apiKey = config["Bootstrap:ApiKey"];
        if (!string.IsNullOrWhiteSpace(apiKey))
            await sp.GetRequiredService<ApiClientService>().EnsureBootstrapClientAsync(apiKey, ct);

        var adminEmail = config["Bootstrap:AdminEmail"];
        var adminPassword = config["Bootstrap:AdminPassword"];
        if (!string.IsNullOrWhiteSpace(adminEmail) && !string.IsNullOrWhiteSpace(adminPassword))
            await EnsureUserAsync(users, adminEmail, adminPassword, Roles.Admin, resetPassword: true);
    }

    /// <summary>Two demo batches, generated by the background worker once the app runs; added only once.</summary>
    private static async Task SeedDemoBatchesAsync(PromoAdminDbContext db, BatchService batches, CancellationToken ct)
    {
        if (await db.Batches.AnyAsync(ct) || !await db.Locations.AnyAsync(l => l.Key == "downtown", ct)) return;
        await batches.CreateAsync(new BatchRequest
        {
            LocationKey = "downtown", Name = "Customer service makegoods", Method = GenerationMethod.Count, Count = 250, CodeLength = 10, Prefix = "CS",
            Settings = new PromoAdmin.Domain.PromoCodes.PromoCodeInput
            {
                Display = "$10 off, with our apologies", RedemptionType = PromoAdmin.Domain.PromoCodes.RedemptionType.Value,
                ValueType = PromoAdmin.Domain.PromoCodes.ValueScope.PerTransaction, Amount = 10, Quantity = 1, OneUsePerAccount = true,
            },
        }, ct);
        var vip = await db.Segments.Where(s => s.Name == "VIP members").Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        if (vip is int segmentId)
            await batches.CreateAsync(new BatchRequest
            {
                LocationKey = "downtown", Name = "VIP thank-you", Method = GenerationMethod.Segment, SegmentId = segmentId, CodeLength = 8, Prefix = "VIP",
                Settings = new PromoAdmin.Domain.PromoCodes.PromoCodeInput { Display = "20% off for our VIPs", Amount = 20, Quantity = 1 },
            }, ct);
    }

    private static async Task EnsureUserAsync(UserManager<AppUser> users, string email, string password, string role, bool resetPassword)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0] };
            Check(await users.CreateAsync(user, password), email);
        }
        else if (resetPassword && !await users.CheckPasswordAsync(user, password))
        {
            // The configured password is the one to use: no forced change (docs/rules.md#users).
            user.MustChangePassword = false;
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, password), email);
        }
        if (!await users.IsInRoleAsync(user, role)) Check(await users.AddToRoleAsync(user, role), email);
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not set up user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
