using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Tests;

/// <summary>
/// The real app on its own SQLite file (one per factory), migrated at start-up like production. No demo data unless
/// asked: tests build their own (<see cref="TestData"/>). One factory serves many test classes at once, so everything
/// here may be called from parallel tests.
/// </summary>
public class PromoAdminFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.promoadmin";
    public const string AdminPassword = "Admin-pass-2026";
    public const string ApiKey = "pa_test_bootstrap_key_0123456789abcdef";

    public string DatabasePath { get; }
    private readonly Dictionary<string, string?> settings;
    private readonly bool ownsDatabase;

    public PromoAdminFactory() : this(null) { }

    internal PromoAdminFactory(string? databasePath, IDictionary<string, string?>? extra = null)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), "promoadmin-tests", $"{Guid.NewGuid():N}.db");
        ownsDatabase = databasePath is null; // another instance's database stays when this one stops
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:PromoAdmin"] = $"Data Source={DatabasePath}",
            ["Seed:Demo"] = "false",
            ["Bootstrap:ApiKey"] = ApiKey,
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            // Tests write the checkout's counts themselves (ValidationCountWriter.FlushAsync), so none are in flight when they read.
            ["Reports:CountFlushInterval"] = "01:00:00",
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
        HttpClient client;
        lock (clientsLock) client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A client through <paramref name="handlers"/> at <paramref name="baseAddress"/> (cookies, for a browser without JavaScript).</summary>
    public HttpClient Client(Uri baseAddress, params DelegatingHandler[] handlers)
    {
        lock (clientsLock) return CreateDefaultClient(baseAddress, handlers);
    }

    // WebApplicationFactory keeps the clients it made in a plain list: parallel tests take turns to add theirs.
    private readonly Lock clientsLock = new();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (!ownsDatabase) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(DatabasePath + suffix); } catch (IOException) { }
    }
}

public sealed class AsyncServiceScopeDb(AsyncServiceScope scope, PromoAdminDbContext db) : IAsyncDisposable
{
    public PromoAdminDbContext Context { get; } = db;
    public IServiceProvider Services => scope.ServiceProvider;
    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
