using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PromoAdmin.Domain.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "PromoAdmin.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "PromoAdmin.Migrations.SqlServer";

    /// <summary>
    /// Reads <c>Database:Provider</c> and <c>ConnectionStrings:PromoAdmin</c> (README, Configuration). A value the app cannot
    /// start with is an <see cref="Common.InvalidSettingException"/> naming the key.
    /// </summary>
    public static (DatabaseProvider Provider, string ConnectionString) Resolve(IConfiguration config, string contentRoot)
    {
        var providerText = config["Database:Provider"] ?? "Sqlite";
        // The enum is the list: a provider added to it is allowed here and named in the message.
        if (!Enum.GetNames<DatabaseProvider>().Contains(providerText.Trim(), StringComparer.OrdinalIgnoreCase)
            || !Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            throw new Common.InvalidSettingException("Database:Provider",
                $"Database:Provider '{providerText}' is not allowed: it must be one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        var cs = config.GetConnectionString("PromoAdmin");
        var configured = !string.IsNullOrWhiteSpace(cs);
        if (!configured)
        {
            if (provider == DatabaseProvider.SqlServer)
                throw new Common.InvalidSettingException("ConnectionStrings:PromoAdmin", "ConnectionStrings:PromoAdmin is required when Database:Provider is SqlServer.");
            var dataFolder = Path.Combine(contentRoot, "App_Data");
            cs = $"Data Source={Path.Combine(dataFolder, "promoadmin.db")}";
        }
        if (provider == DatabaseProvider.Sqlite)
        {
            SqliteConnectionStringBuilder builder;
            try
            {
                builder = new SqliteConnectionStringBuilder(cs);
            }
            catch (ArgumentException e)
            {
                throw new Common.InvalidSettingException("ConnectionStrings:PromoAdmin", $"ConnectionStrings:PromoAdmin is not a SQLite connection string: {e.Message}");
            }
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                // The default folder is made on a first run; a configured one must exist (a typo would otherwise start an empty database).
                if (configured && !Directory.Exists(folder))
                    throw new Common.InvalidSettingException("ConnectionStrings:PromoAdmin",
                        $"ConnectionStrings:PromoAdmin names a SQLite file in {folder}, which does not exist: create the folder or fix the path.");
                try
                {
                    Directory.CreateDirectory(folder);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new Common.InvalidSettingException("ConnectionStrings:PromoAdmin", $"The SQLite folder {folder} cannot be created: {e.Message}");
                }
            }
            // Writers wait for each other instead of failing at once with "database is locked".
            if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
            cs = builder.ToString();
        }
        return (provider, cs!);
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        // EF logs every failed save and command at Error, though most are expected (a unique index stopping a duplicate,
        // a lost idempotency race) and are answered as such; a real failure reaches the request's error handling, which
        // logs it once at Error.
        options.ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug),
            // A server not answering yet at start-up is retried, and logged once per attempt, by the start-up check.
            (RelationalEventId.ConnectionError, LogLevel.Debug),
            // A retry of a deadlock or a transient error is worth seeing in the log.
            (CoreEventId.ExecutionStrategyRetrying, LogLevel.Warning)));
        if (provider == DatabaseProvider.Sqlite)
            options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)).AddInterceptors(new SqliteConnectionSetup());
        else
            options.UseSqlServer(connectionString, o => o
                .MigrationsAssembly(SqlServerMigrationsAssembly)
                // Deadlock victims (1205), lock timeouts (1222) and Azure's transient errors are retried; explicit transactions
                // go through DbTransactions.InTransactionAsync, inside this strategy.
                .EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(5), errorNumbersToAdd: [1205, 1222])
                // A segment batch's 100,000 template inserts, or a bulk of rows: fewer round trips than EF's default of 42.
                .MaxBatchSize(1000));
    }

    public static IServiceCollection AddPromoAdminDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        // Pooled: the checkout creates a context per request, and the context keeps no state of its own.
        services.AddDbContextPool<PromoAdminDbContext>(o => Configure(o, provider, connectionString));
        services.AddSingleton(_ => new Redemptions.CodeStates(provider, connectionString)); // a factory, so the container disposes it
        return services;
    }

    /// <summary>Applies pending migrations; on SQLite also switches the file to WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(PromoAdminDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.IsSqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            // Refresh the planner's statistics where they are stale, so that e.g. a group filter uses the group index.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
        }
    }
}
