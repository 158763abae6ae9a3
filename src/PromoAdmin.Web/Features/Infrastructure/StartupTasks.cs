using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Data;
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

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var adminEmail = config["Bootstrap:AdminEmail"];
        var adminPassword = config["Bootstrap:AdminPassword"];
        if (!string.IsNullOrWhiteSpace(adminEmail) && !string.IsNullOrWhiteSpace(adminPassword))
            await EnsureUserAsync(users, adminEmail, adminPassword, Roles.Admin, resetPassword: true);

        if (seedDemo)
        {
            await DemoData.SeedAsync(db, sp.GetRequiredService<TimeProvider>(), ct);
            foreach (var (email, role) in DemoUsers)
                await EnsureUserAsync(users, email, DemoPassword, role, resetPassword: false);
        }
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
