using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Tests;

/// <summary>
/// The real app on its own SQLite file (one per factory, so one per test class), migrated at start-up like production.
/// No demo data unless asked: tests build their own.
/// </summary>
public class PromoAdminFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.promoadmin";
    public const string AdminPassword = "Admin-pass-2026";
    public const string ApiKey = "pa_test_bootstrap_key_0123456789abcdef";

    public string DatabasePath { get; }
    private readonly Dictionary<string, string?> settings;

    public PromoAdminFactory() : this(null) { }

    internal PromoAdminFactory(string? databasePath, IDictionary<string, string?>? extra = null)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), "promoadmin-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:PromoAdmin"] = $"Data Source={DatabasePath}",
            ["Seed:Demo"] = "false",
            ["Bootstrap:ApiKey"] = ApiKey,
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
        };
        if (extra is not null) foreach (var (k, v) in extra) settings[k] = v;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (k, v) in settings) builder.UseSetting(k, v);
    }

    /// <summary>Serves on real Kestrel at 127.0.0.1 on a free port (for the browser) and returns the base URL.</summary>
    public string StartKestrel()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return address.TrimEnd('/');
    }

    /// <summary>A fresh scope's DbContext for arranging data and checking what was saved.</summary>
    public AsyncServiceScopeDb Db()
    {
        var scope = Services.CreateAsyncScope();
        return new AsyncServiceScopeDb(scope, scope.ServiceProvider.GetRequiredService<PromoAdminDbContext>());
    }

    public HttpClient ApiClient(string? key = ApiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(DatabasePath + suffix); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

public sealed class AsyncServiceScopeDb(AsyncServiceScope scope, PromoAdminDbContext db) : IAsyncDisposable
{
    public PromoAdminDbContext Context { get; } = db;
    public IServiceProvider Services => scope.ServiceProvider;
    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
