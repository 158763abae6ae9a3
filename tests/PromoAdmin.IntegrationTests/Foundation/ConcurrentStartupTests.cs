using System.Net;
using Microsoft.Data.Sqlite;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Foundation;

/// <summary>Several instances starting at once on one empty database: each seeds under one lock, so every row exists once.</summary>
public sealed class ConcurrentStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_started_at_once_on_an_empty_database_both_become_ready_with_one_of_each_seeded_row()
    {
        var path = Path.Combine(Path.GetTempPath(), "promoadmin-tests", $"startup-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var settings = new Dictionary<string, string>
        {
            ["Bootstrap:AdminEmail"] = PromoAdminFactory.AdminEmail, ["Bootstrap:AdminPassword"] = PromoAdminFactory.AdminPassword,
        };
        var starting = new[] { AppProcess.StartAsync(path, settings), AppProcess.StartAsync(path, settings) };
        var apps = await Task.WhenAll(starting);
        try
        {
            foreach (var app in apps)
            {
                using var api = app.Client();
                Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/ready", Ct)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/locations", Ct)).StatusCode);
            }
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
        }
        await using var db = new SqliteConnection($"Data Source={path}");
        await db.OpenAsync(Ct);
        async Task<long> CountAsync(string sql)
        {
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            return (long)(await command.ExecuteScalarAsync(Ct))!;
        }
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM AccountSettings"));
        Assert.Equal(4, await CountAsync("SELECT COUNT(*) FROM AspNetRoles"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM ApiClients"));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM AspNetUsers WHERE Email = '{PromoAdminFactory.AdminEmail}'"));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM AspNetUserRoles"));
        await db.CloseAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
    }
}
