using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PromoAdmin.IntegrationTests.Hardening;

/// <summary>
/// /health/live says the process answers; /health/ready says the database can be read and written now. An app of its
/// own: the test locks its database file and makes it read-only, which would stop every other test's writes.
/// </summary>
public sealed class HealthTests(PromoAdminFactory factory) : IClassFixture<PromoAdminFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        var response = await factory.ApiClient(key: null).GetAsync(path, Ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone());
    }

    private static string Describe(JsonElement body) =>
        string.Join("; ", body.GetProperty("checks").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}: {c.GetProperty("description").GetString()}"));

    [Fact, System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Ready_answers_503_naming_the_check_while_the_database_is_locked_for_writing_or_read_only()
    {
        var (status, body) = await GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());

        // Another process holds the write lock.
        await using (var other = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await other.OpenAsync(Ct);
            await using var begin = other.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync(Ct);
            (status, body) = await GetAsync("/health/ready");
            Assert.True(status == HttpStatusCode.ServiceUnavailable, body.ToString());
            Assert.Contains("database: The database is locked for writing.", Describe(body));
            Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(key: null).GetAsync("/health/live", Ct)).StatusCode);
            await using var rollback = other.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(Ct);
        }
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/health/ready")).Status);

        // The file turned read-only (a full disk remounted, a wrong deployment).
        var mode = File.GetUnixFileMode(factory.DatabasePath);
        File.SetUnixFileMode(factory.DatabasePath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            (status, body) = await GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("read-only", Describe(body));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await factory.ApiClient(key: null).GetAsync("/health", Ct)).StatusCode);
        }
        finally
        {
            File.SetUnixFileMode(factory.DatabasePath, mode);
        }
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/health/ready")).Status);
    }

    [Fact]
    public async Task Live_answers_200_without_touching_the_database()
    {
        var (status, body) = await GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body.GetProperty("checks").EnumerateArray());
    }
}
