using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Users;
using ILogger = Microsoft.Extensions.Logging.ILogger;
using Serilog;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>
/// A start that cannot work stops at once with exit code 1 and one log line saying why (a bad setting, a database that
/// cannot be opened or never answers), instead of a stack trace or an app that starts and fails every request.
/// README, Configuration, lists the settings and what each allows.
/// </summary>
public static class StartupChecks
{
    private const string Category = "PromoAdmin.Startup";

    /// <summary>Every setting checked before the app is built (<see cref="SettingsCheck"/>); false after logging the one line.</summary>
    public static bool SettingsAreValid(WebApplicationBuilder builder)
    {
        var problems = SettingsCheck.Problems(builder.Configuration, builder.Environment.ContentRootPath);
        if (problems.Count == 0) return true;
        // The app's logger does not exist yet: a logger of the same format writes the line.
        var log = new LoggerConfiguration();
        Observability.Console(log.WriteTo, builder.Environment.IsDevelopment());
        using var logger = log.CreateLogger();
        logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, Category)
            .Fatal("PromoAdmin cannot start, fix the configuration: {Problems}", string.Join(" ", problems));
        return false;
    }

    /// <summary>
    /// Waits for the database (SQL Server: retried with back-off for <c>Database:StartupRetrySeconds</c>), runs
    /// <see cref="StartupTasks"/>, and warns when nobody could sign in or call the API. False after logging the one line.
    /// </summary>
    public static async Task<bool> PrepareAsync(WebApplication app, bool seedDemo, CancellationToken ct = default)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        var bootstrap = app.Configuration.GetSection("Bootstrap").Get<BootstrapOptions>() ?? new BootstrapOptions();
        if (await BootstrapPasswordProblemAsync(app.Services, bootstrap) is { } passwordProblem)
        {
            log.LogCritical("PromoAdmin cannot start, fix the configuration: Bootstrap:AdminPassword is not allowed: {Problem}", passwordProblem);
            return false;
        }
        var retrySeconds = app.Configuration.GetSection("Database").Get<DatabaseOptions>()?.StartupRetrySeconds ?? new DatabaseOptions().StartupRetrySeconds;
        if (!await DatabaseAnswersAsync(app.Services, TimeSpan.FromSeconds(retrySeconds), log, ct)) return false;
        await StartupTasks.RunAsync(app.Services, app.Configuration, seedDemo, ct);
        if (app.Environment.IsProduction()) await WarnWhenNobodyCanGetInAsync(app.Services, log, ct);
        return true;
    }

    /// <summary>The sign-in password rules (Program's Identity options), checked before anything is written.</summary>
    private static async Task<string?> BootstrapPasswordProblemAsync(IServiceProvider services, BootstrapOptions bootstrap)
    {
        if (string.IsNullOrWhiteSpace(bootstrap.AdminEmail) || string.IsNullOrWhiteSpace(bootstrap.AdminPassword)) return null;
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = bootstrap.AdminEmail, Email = bootstrap.AdminEmail };
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
            errors.AddRange((await validator.ValidateAsync(users, user, bootstrap.AdminPassword)).Errors.Select(e => e.Description));
        return errors.Count == 0 ? null : string.Join(" ", errors);
    }

    /// <summary>
    /// SQLite: the file opens, or the start stops (a path, a permission or a damaged file: waiting cannot fix it). SQL Server:
    /// the server answers, tried again after 1, 2, 4, 8, then every 10 s while the waits add up to no more than
    /// <paramref name="total"/> (each attempt itself takes up to the connection string's Connect Timeout).
    /// </summary>
    private static async Task<bool> DatabaseAnswersAsync(IServiceProvider services, TimeSpan total, ILogger log, CancellationToken ct)
    {
        var waited = TimeSpan.Zero;
        var wait = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PromoAdminDbContext>();
            try
            {
                if (db.IsSqlite)
                {
                    await db.Database.OpenConnectionAsync(ct);
                    await db.Database.CloseConnectionAsync();
                }
                else
                {
                    // True or false (not created yet: the migrations create it); an exception when the server does not answer.
                    await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct);
                }
                return true;
            }
            catch (DbException e) when (db.IsSqlite)
            {
                log.LogCritical("PromoAdmin cannot start: the SQLite database of ConnectionStrings:PromoAdmin ({DataSource}) cannot be opened: {Reason}",
                    db.Database.GetDbConnection().DataSource, OneLine(e));
                return false;
            }
            catch (Exception e) when (e is DbException or RetryLimitExceededException or TimeoutException)
            {
                var left = total - waited;
                if (left <= TimeSpan.Zero)
                {
                    log.LogCritical("PromoAdmin cannot start: the database did not answer in {Seconds} s (Database:StartupRetrySeconds), {Attempts} attempts: {Reason}",
                        (int)total.TotalSeconds, attempt, OneLine(e));
                    return false;
                }
                var next = wait < left ? wait : left;
                log.LogWarning("The database does not answer yet (attempt {Attempt}): {Reason}. Next try in {Wait} s; giving up after {Seconds} s (Database:StartupRetrySeconds).",
                    attempt, OneLine(e), Math.Round(next.TotalSeconds, 1), (int)total.TotalSeconds);
                await Task.Delay(next, ct);
                waited += next;
                wait = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds * 2, 10));
            }
        }
    }

    /// <summary>A Production start with no active Admin and no API client could not be used by anyone: say so, and what to set.</summary>
    private static async Task WarnWhenNobodyCanGetInAsync(IServiceProvider services, ILogger log, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PromoAdminDbContext>();
        var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var anAdmin = await db.UserRoles.AnyAsync(ur => ur.RoleId == adminRole && db.Users.Any(u => u.Id == ur.UserId && u.IsActive), ct);
        var aClient = await db.ApiClients.AnyAsync(c => c.RevokedAt == null, ct);
        if (anAdmin || aClient) return;
        log.LogWarning("Nobody can sign in or call the API: the database has no active Admin user and no API client. Set Bootstrap:AdminEmail and "
            + "Bootstrap:AdminPassword (an Admin user), or Bootstrap:ApiKey (an API client with scopes checkout and admin), and restart.");
    }

    private static string OneLine(Exception e) => string.Join(' ', e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
