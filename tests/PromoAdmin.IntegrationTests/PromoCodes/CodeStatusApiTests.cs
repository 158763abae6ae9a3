using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.PromoCodes;

/// <summary>A code's status in the API: the <c>status</c> field on every code and the list's <c>status</c> filter (docs/rules.md#code-status).</summary>
public sealed class CodeStatusApiTests(SharedApp factory)
{
    private HttpClient Api => factory.ApiClient();

    /// <summary>Today at the world's home location (New York); the codes' dates sit ten days off, clear of any zone.</summary>
    private static DateOnly HomeToday =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);

    private async Task<JsonElement> CreateAsync(TestWorld w, string name, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["code"] = w.Code(name), ["locationKey"] = w.Home, ["amount"] = 10 };
        if (extra is not null) foreach (var p in extra.GetType().GetProperties()) body[p.Name] = p.GetValue(extra);
        return await Api.PostAsJsonAsync("/api/v1/promo-codes", body).ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>One code in each state, and two that hold more than one (the first in the order wins).</summary>
    private async Task<TestWorld> CodesInEveryStateAsync()
    {
        var w = await factory.WorldAsync();
        string Day(int offset) => HomeToday.AddDays(offset).ToString("yyyy-MM-dd");
        Assert.Equal("scheduled", (await CreateAsync(w, "SCHEDULED", new { purchaseStart = Day(10) })).GetProperty("status").GetString());
        Assert.Equal("active", (await CreateAsync(w, "ACTIVE", new { purchaseStart = Day(-10), purchaseEnd = Day(10), quantity = 5 })).GetProperty("status").GetString());
        await CreateAsync(w, "EXPIRED", new { purchaseStart = Day(-20), purchaseEnd = Day(-10) });
        await CreateAsync(w, "USEDUP", new { quantity = 0, purchaseEnd = Day(-10) });
        await CreateAsync(w, "DISABLED", new { enabled = false, quantity = 0 });
        var archived = (await CreateAsync(w, "ARCHIVED", new { enabled = false })).GetProperty("id").GetInt32();
        var answer = await Api.PostAsync($"/api/v1/promo-codes/{archived}/archive", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("archived", answer.GetProperty("status").GetString());
        return w;
    }

    private async Task<Dictionary<string, string>> ListAsync(TestWorld w, string query)
    {
        var list = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}{query}").ExpectAsync(HttpStatusCode.OK);
        return list.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("status").GetString()!);
    }

    [Fact]
    public async Task Every_code_has_its_status_and_the_list_filters_on_each()
    {
        var w = await CodesInEveryStateAsync();
        Assert.Equal(new Dictionary<string, string>
        {
            [w.Code("SCHEDULED")] = "scheduled", [w.Code("ACTIVE")] = "active", [w.Code("EXPIRED")] = "expired",
            [w.Code("USEDUP")] = "usedUp", [w.Code("DISABLED")] = "disabled",
        }, await ListAsync(w, ""));
        Assert.Equal(new Dictionary<string, string> { [w.Code("ARCHIVED")] = "archived" }, await ListAsync(w, "&tab=archived"));

        foreach (var (status, name) in new[] { ("scheduled", "SCHEDULED"), ("active", "ACTIVE"), ("expired", "EXPIRED"), ("usedUp", "USEDUP"), ("disabled", "DISABLED") })
            Assert.Equal(new Dictionary<string, string> { [w.Code(name)] = status }, await ListAsync(w, "&status=" + status));
        // Archived codes live on their own tab: with no tab, status=archived reads it; on the active tab nothing is archived.
        Assert.Equal(new[] { w.Code("ARCHIVED") }, (await ListAsync(w, "&status=archived")).Keys);
        Assert.Equal(new[] { w.Code("ARCHIVED") }, (await ListAsync(w, "&tab=archived&status=archived")).Keys);
        Assert.Empty(await ListAsync(w, "&tab=active&status=archived"));
        Assert.Empty(await ListAsync(w, "&tab=archived&status=active"));
        // The other filters still apply.
        Assert.Empty(await ListAsync(w, $"&status=expired&code={w.Code("ACTIVE")}"));

        var page = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&status=expired").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        var id = page.GetProperty("items")[0].GetProperty("id").GetInt32();
        Assert.Equal("expired", (await Api.GetAsync($"/api/v1/promo-codes/{id}").ExpectAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_export_filters_on_status_and_writes_it()
    {
        var w = await CodesInEveryStateAsync();
        var csv = await Api.GetStringAsync($"/api/v1/promo-codes/export?locationKey={w.Home}&status=usedUp", TestContext.Current.CancellationToken);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(w.Code("USEDUP") + ",", lines[1]);
        Assert.EndsWith(",usedUp", lines[1]);
        var all = (await Api.GetStringAsync($"/api/v1/promo-codes/export?locationKey={w.Home}", TestContext.Current.CancellationToken))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(new[] { "active", "disabled", "expired", "scheduled", "usedUp" }, all.Select(l => l.Split(',')[^1]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/promo-codes")]
    [InlineData("/api/v1/promo-codes/export")]
    public async Task An_unknown_status_is_a_400_naming_status(string path)
    {
        var w = await factory.WorldAsync();
        foreach (var bad in new[] { "expiredd", "UsedUp", "2" })
        {
            var problem = await Api.GetAsync($"{path}?locationKey={w.Home}&status={bad}").ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["status"], problem.ErrorFields());
            Assert.Contains("usedUp", problem.GetProperty("errors").GetProperty("status")[0].GetString());
        }
    }
}
