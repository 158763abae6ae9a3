using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Users;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Permissions;

/// <summary>
/// Customer service generates batches and clones codes within the account's limits (docs/rules.md#customer-service-limits):
/// outside one, the field and the limit are named and nothing is saved. An app of its own, as one test changes the limits.
/// </summary>
public sealed class CustomerServiceLimitTests : IClassFixture<CustomerServiceLimitTests.App>
{
    public sealed class App : PromoAdminFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private static string InDays(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private readonly App app;

    public CustomerServiceLimitTests(App app) => this.app = app;

    private async Task<(TestWorld W, WebSession Session)> ServiceAgentAsync()
    {
        var w = await app.WorldAsync();
        var email = $"service-{w.Tag}@test.promoadmin";
        await app.UserAsync(email, "Service-pass-2026", Roles.CustomerService);
        return (w, (await WebSession.SignedInAsync(app, email, "Service-pass-2026")).At(w.Home));
    }

    private static Dictionary<string, string[]> Batch(string name, string count, string amount, string quantity, string? end, string type = "Percentage") => new()
    {
        ["Method"] = ["Count"], ["Count"] = [count], ["Name"] = [name], ["Settings.RedemptionType"] = [type], ["Settings.Amount"] = [amount],
        ["Settings.QuantityChoice"] = ["Limited"], ["Settings.Quantity"] = [quantity],
        ["Settings.PurchaseDates"] = [end is null ? "Any" : "Between"], ["Settings.PurchaseStart"] = [Today], ["Settings.PurchaseEnd"] = [end ?? ""],
    };

    private async Task<int> BatchesNamedAsync(string name)
    {
        await using var scope = app.Db();
        return await scope.Context.Batches.CountAsync(b => b.Name == name, Ct);
    }

    public static TheoryData<string, string, string, string, string, string, string> OutsideALimit() => new()
    {
        // count, amount, uses, end (days ahead; none when empty), type → the field and the words of its limit
        { "501", "10", "1", "+30", "Percentage", "Count", "at most 500 codes" },
        { "5", "100", "1", "+30", "Percentage", "Settings.Amount", "at most 25% off" },
        { "5", "80", "1", "+30", "Value", "Settings.Amount", "at most 50 USD off" },
        { "5", "10", "2", "+30", "Percentage", "Settings.Quantity", "at most 1 time each" },
        { "5", "10", "1", "", "Percentage", "Settings.PurchaseEnd", "within 90 days" },
        { "5", "10", "1", "+120", "Percentage", "Settings.PurchaseEnd", "within 90 days" },
    };

    [Theory, MemberData(nameof(OutsideALimit))]
    public async Task A_batch_outside_a_limit_is_refused_naming_the_field_and_the_limit(
        string count, string amount, string uses, string end, string type, string field, string limit)
    {
        var (w, session) = await ServiceAgentAsync();
        var name = "Over " + w.Tag;
        var form = await session.GetPageAsync("/batches/generate");
        var response = await session.SubmitAsync(form, "#generate-batch", Batch(name, count, amount, uses, end.Length == 0 ? null : InDays(int.Parse(end[1..])), type));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebSession.ParseAsync(response);
        var message = page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? "";
        Assert.Contains(limit, message);
        Assert.Contains("customer-service limit", message);
        Assert.Equal(0, await BatchesNamedAsync(name));
    }

    [Fact]
    public async Task A_batch_within_every_limit_is_generated_and_an_admin_is_not_limited()
    {
        var (w, session) = await ServiceAgentAsync();
        var form = await session.GetPageAsync("/batches/generate");
        var done = await session.SubmitAsync(form, "#generate-batch", Batch("Within " + w.Tag, "500", "25", "1", InDays(90)));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(1, await BatchesNamedAsync("Within " + w.Tag));

        var admin = (await WebSession.SignedInAsync(app)).At(w.Home);
        var big = await admin.SubmitAsync(await admin.GetPageAsync("/batches/generate"), "#generate-batch", Batch("Admin " + w.Tag, "600", "100", "5", null));
        Assert.Equal(HttpStatusCode.Redirect, big.StatusCode);
        Assert.Equal(1, await BatchesNamedAsync("Admin " + w.Tag));
    }

    [Fact]
    public async Task Cloning_past_the_count_or_a_code_outside_the_limits_is_refused()
    {
        var (w, session) = await ServiceAgentAsync();
        var batchId = await BatchWithCodeAsync(w, amount: 10);
        var page = await session.GetPageAsync($"/batches/{batchId}");
        var over = await session.FollowAsync(await session.SubmitAsync(page, "form[action$='/clone']", new() { ["count"] = ["501"] }));
        Assert.Contains("at most 500 codes", over.QuerySelector("main .alert-danger")!.TextContent);
        var fine = await session.FollowAsync(await session.SubmitAsync(page, "form[action$='/clone']", new() { ["count"] = ["3"] }));
        Assert.Contains("Generated 3 promo codes", fine.QuerySelector(".alert-success")!.TextContent);

        var generous = await BatchWithCodeAsync(w, amount: 60);
        var refused = await session.FollowAsync(await session.SubmitAsync(await session.GetPageAsync($"/batches/{generous}"), "form[action$='/clone']", new() { ["count"] = ["1"] }));
        Assert.Contains("at most 25% off", refused.QuerySelector("main .alert-danger")!.TextContent);
        await using var scope = app.Db();
        Assert.Equal(4, await scope.Context.PromoCodes.CountAsync(c => c.BatchId == batchId, Ct));
        Assert.Equal(1, await scope.Context.PromoCodes.CountAsync(c => c.BatchId == generous, Ct));
    }

    [Fact]
    public async Task An_admin_sets_the_limits_on_the_account_settings_page_and_they_apply_at_once()
    {
        var (w, session) = await ServiceAgentAsync();
        var admin = await WebSession.SignedInAsync(app);
        var settings = await admin.GetPageAsync("/settings");
        var saved = await admin.FollowAsync(await admin.SubmitAsync(settings, "form[action='/settings']", new() { ["ServiceMaxPercent"] = ["40"] }));
        Assert.Contains("Account settings saved", saved.QuerySelector(".alert-success")!.TextContent);
        try
        {
            var done = await session.SubmitAsync(await session.GetPageAsync("/batches/generate"), "#generate-batch", Batch("Forty " + w.Tag, "5", "40", "1", InDays(30)));
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            var over = await session.SubmitAsync(await session.GetPageAsync("/batches/generate"), "#generate-batch", Batch("Forty-one " + w.Tag, "5", "41", "1", InDays(30)));
            Assert.Contains("at most 40% off", (await WebSession.ParseAsync(over)).QuerySelector("[data-valmsg-for='Settings.Amount']")!.TextContent);
        }
        finally
        {
            await admin.SubmitAsync(await admin.GetPageAsync("/settings"), "form[action='/settings']", new() { ["ServiceMaxPercent"] = ["25"] });
        }
    }

    [Fact]
    public async Task The_settings_page_refuses_a_bad_value_and_saves_nothing_and_the_api_reads_and_writes_the_same_settings()
    {
        var admin = await WebSession.SignedInAsync(app);
        var bad = await admin.SubmitAsync(await admin.GetPageAsync("/settings"), "form[action='/settings']", new() { ["Currency"] = ["XYZ"], ["ServiceMaxCodes"] = ["0"] });
        var page = await WebSession.ParseAsync(bad);
        Assert.Contains("ISO 4217", page.QuerySelector("[data-valmsg-for='Currency']")!.TextContent);
        Assert.Contains("from 1", page.QuerySelector("[data-valmsg-for='ServiceMaxCodes']")!.TextContent);
        var api = app.ApiClient();
        var current = await api.GetFromJsonAsync<Dictionary<string, object>>("/api/v1/settings", Ct);
        Assert.Equal("USD", current!["currency"].ToString());
        Assert.Equal("500", current["serviceMaxCodes"].ToString());

        var entriesBefore = await SettingsEntriesAsync();
        var refused = await api.PutAsJsonAsync("/api/v1/settings", new { serviceMaxPercent = 150 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("serviceMaxPercent", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(entriesBefore, await SettingsEntriesAsync());
        var put = await api.PutAsJsonAsync("/api/v1/settings", new { serviceMaxUsesPerCode = 2 }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("2", (await api.GetFromJsonAsync<Dictionary<string, object>>("/api/v1/settings", Ct))!["serviceMaxUsesPerCode"].ToString());
        Assert.Equal("USD", (await api.GetFromJsonAsync<Dictionary<string, object>>("/api/v1/settings", Ct))!["currency"].ToString());
        await api.PutAsJsonAsync("/api/v1/settings", new { serviceMaxUsesPerCode = 1 }, Ct);

        // Each change is one entry with the field before and after (the refused ones above left none).
        await using var scope = app.Db();
        var latest = await scope.Context.AuditEntries.Where(e => e.EntityType == "settings").OrderByDescending(e => e.Id).Take(2).ToListAsync(Ct);
        Assert.Equal(entriesBefore + 2, await SettingsEntriesAsync());
        Assert.Equal("""[{"field":"serviceMaxUsesPerCode","from":"1","to":"2"}]""", latest[1].Changes);
        Assert.Equal(("api:Bootstrap", "update"), (latest[1].Actor, latest[1].Action));
    }

    [Fact]
    public async Task The_account_currency_is_how_money_reads_on_the_list_and_in_diagnose()
    {
        var w = await app.WorldAsync();
        await app.AddCodeAsync(w.HomeId, w.Code("EUROS"), c => { c.RedemptionType = Domain.PromoCodes.RedemptionType.Value; c.Amount = 5; });
        var api = app.ApiClient();
        await api.PutAsJsonAsync("/api/v1/settings", new { currency = "EUR" }, Ct);
        try
        {
            var admin = (await WebSession.SignedInAsync(app)).At(w.Home);
            var list = await admin.GetPageAsync($"/promo-codes?code={w.Code("EUROS")}");
            // The euro reads as at home: "5,00 €" (docs/rules.md#times-and-money).
            Assert.Contains(PromoAdmin.Domain.Common.MoneyFormat.For("EUR").Format(5m), list.QuerySelector(".value-amount")!.TextContent);
            var diagnose = await admin.GetPageAsync($"/diagnose?code={w.Code("EUROS")}");
            var checkedPage = await WebSession.ParseAsync(await admin.SubmitAsync(diagnose, "form[action='/diagnose']", new()
            {
                ["Lines[0].ItemKey"] = [w.ItemKey], ["Lines[0].UnitPrice"] = ["20"], ["Lines[0].Quantity"] = ["1"],
            }));
            Assert.Contains(PromoAdmin.Domain.Common.MoneyFormat.For("EUR").Format(5m), checkedPage.QuerySelector("[data-testid=discount-total]")!.TextContent);
        }
        finally
        {
            await api.PutAsJsonAsync("/api/v1/settings", new { currency = "USD" }, Ct);
        }
    }

    private async Task<int> SettingsEntriesAsync()
    {
        await using var scope = app.Db();
        return await scope.Context.AuditEntries.CountAsync(e => e.EntityType == "settings", Ct);
    }

    private async Task<int> BatchWithCodeAsync(TestWorld w, decimal amount)
    {
        await using var scope = app.Db();
        var db = scope.Context;
        var batch = new Domain.Batches.Batch
        {
            LocationId = w.HomeId, Name = "Clone source " + TestData.NewTag(), Method = Domain.Batches.GenerationMethod.Count, RequestedCount = 1, GeneratedCount = 1,
            Status = Domain.Batches.BatchStatus.Ready, SettingsJson = "{}", CreatedAt = DateTimeOffset.UtcNow, CompletedAt = DateTimeOffset.UtcNow, CodeLength = 8,
        };
        db.Batches.Add(batch);
        await db.SaveChangesAsync(Ct);
        db.PromoCodes.Add(TestData.NewCode(w.HomeId, "CS" + TestData.NewTag().ToUpperInvariant(), c =>
        {
            c.BatchId = batch.Id;
            c.Amount = amount;
            c.Inventory.Quantity = 1;
            c.PurchaseStart = DateOnly.FromDateTime(DateTime.UtcNow);
            c.PurchaseEnd = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30));
        }));
        await db.SaveChangesAsync(Ct);
        return batch.Id;
    }
}
