using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>
/// The account's order link template (docs/rules.md#account-settings): set on the Account settings page or the API, refused
/// with nothing saved when unusable, and turning every order number of a code's transactions into a link.
/// An app of its own, as the template is the whole app's; each test sets the template it needs.
/// </summary>
public sealed class OrderLinkPageTests : IClassFixture<OrderLinkPageTests.App>
{
    public sealed class App : PromoAdminFactory;

    private const string Template = "https://shop.example/orders/{orderNumber}";
    private const string SettingsForm = "form[action='/settings']";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly App app;

    public OrderLinkPageTests(App app) => this.app = app;

    private async Task<string?> StoredTemplateAsync()
    {
        await using var scope = app.Db();
        return await scope.Context.AccountSettings.AsNoTracking().OrderBy(s => s.Id).Select(s => s.OrderLinkTemplate).FirstAsync(Ct);
    }

    private async Task<int> SettingsEntriesAsync()
    {
        await using var scope = app.Db();
        return await scope.Context.AuditEntries.CountAsync(e => e.EntityType == "settings", Ct);
    }

    private async Task SetTemplateAsync(string template) =>
        await app.ApiClient().PutAsJsonAsync("/api/v1/settings", new { orderLinkTemplate = template }, Ct).ExpectAsync(HttpStatusCode.OK);

    /// <summary>A code of a new world with one redemption of <paramref name="orderNumber"/>; the transactions page's address.</summary>
    private async Task<(TestWorld W, string Transactions)> UsedCodeAsync(string orderNumber)
    {
        var w = await app.WorldAsync();
        var code = await app.AddCodeAsync(w.HomeId, w.Code("ORDERS"), c => c.Inventory.TimesUsed = 1);
        await using var scope = app.Db();
        scope.Context.Redemptions.Add(new Redemption
        {
            PromoCodeId = code.Id, CodeText = code.Code, LocationId = w.HomeId, OrderNumber = orderNumber, CustomerKey = "c-1",
            CustomerName = "Ada Lovelace", Discount = 2m, Status = RedemptionStatus.Applied, RedeemedAt = DateTimeOffset.UtcNow,
        });
        await scope.Context.SaveChangesAsync(Ct);
        return (w, $"/promo-codes/{code.Id}/transactions");
    }

    private static IElement OrderCell(IHtmlDocument page) => page.QuerySelectorAll(".transactions-table tbody td")[3];

    private static async Task<IHtmlDocument> ModalAsync(WebSession session, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        return await WebSession.ParseAsync(await session.Client.SendAsync(request, Ct));
    }

    [Fact]
    public async Task The_settings_page_refuses_an_unusable_template_saving_nothing_and_saves_and_audits_a_good_one()
    {
        await SetTemplateAsync("");
        var admin = await WebSession.SignedInAsync(app);
        var entries = await SettingsEntriesAsync();
        foreach (var (bad, why) in new[] { ("https://shop.example/orders/", "must contain {orderNumber}"), ("/orders/{orderNumber}", "absolute http or https") })
        {
            var refused = await WebSession.ParseAsync(await admin.SubmitAsync(await admin.GetPageAsync("/settings"), SettingsForm,
                new() { ["OrderLinkTemplate"] = [bad], ["ServiceMaxPercent"] = ["30"] }));
            Assert.Contains(why, FieldError(refused, "OrderLinkTemplate"));
            Assert.Equal(bad, Value(refused, "OrderLinkTemplate"));
        }
        Assert.Null(await StoredTemplateAsync());
        Assert.Equal(entries, await SettingsEntriesAsync());
        Assert.Equal(25m, (await app.ApiClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/settings", Ct)).GetProperty("serviceMaxPercent").GetDecimal());

        var saved = await admin.FollowAsync(await admin.SubmitAsync(await admin.GetPageAsync("/settings"), SettingsForm, new() { ["OrderLinkTemplate"] = [Template] }));
        Assert.Contains("Account settings saved", Success(saved));
        Assert.Equal(Template, Value(saved, "OrderLinkTemplate"));
        Assert.Equal(Template, await StoredTemplateAsync());
        await using (var scope = app.Db())
        {
            var entry = await scope.Context.AuditEntries.Where(e => e.EntityType == "settings").OrderByDescending(e => e.Id).FirstAsync(Ct);
            Assert.Equal("update", entry.Action);
            Assert.Equal([new Domain.Audit.AuditChange("orderLinkTemplate", null, Template)], Domain.Audit.AuditLog.ChangesOf(entry));
        }

        // Emptied on the page, the link is gone.
        await admin.FollowAsync(await admin.SubmitAsync(await admin.GetPageAsync("/settings"), SettingsForm, new() { ["OrderLinkTemplate"] = [""] }));
        Assert.Null(await StoredTemplateAsync());
    }

    [Fact]
    public async Task The_api_reads_and_writes_the_template_refuses_an_unusable_one_and_clears_it_with_an_empty_text()
    {
        await SetTemplateAsync("");
        var api = app.ApiClient();
        var entries = await SettingsEntriesAsync();
        var refused = await api.PutAsJsonAsync("/api/v1/settings", new { orderLinkTemplate = "ftp://shop.example/{orderNumber}", currency = "EUR" }, Ct)
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["orderLinkTemplate"], refused.ErrorFields());
        Assert.Equal(entries, await SettingsEntriesAsync());
        var unchanged = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/settings", Ct);
        Assert.Equal((System.Text.Json.JsonValueKind.Null, "USD"), (unchanged.GetProperty("orderLinkTemplate").ValueKind, unchanged.GetProperty("currency").GetString()));

        var put = await api.PutAsJsonAsync("/api/v1/settings", new { orderLinkTemplate = Template }, Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Template, put.GetProperty("orderLinkTemplate").GetString());
        // Left out, it is kept.
        await api.PutAsJsonAsync("/api/v1/settings", new { serviceMaxCodes = 500 }, Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Template, (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/settings", Ct)).GetProperty("orderLinkTemplate").GetString());
        Assert.Equal(entries + 1, await SettingsEntriesAsync());

        await api.PutAsJsonAsync("/api/v1/settings", new { orderLinkTemplate = "" }, Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(await StoredTemplateAsync());
    }

    [Fact]
    public async Task With_a_template_each_order_number_links_to_it_escaped_in_a_new_tab_on_the_page_and_in_the_modal()
    {
        await SetTemplateAsync(Template);
        var (w, transactions) = await UsedCodeAsync("A 1/2");
        var session = await AdminAtAsync(app, w.Home);
        foreach (var page in new[] { await session.GetPageAsync(transactions), await ModalAsync(session, transactions) })
        {
            var link = OrderCell(page).QuerySelector("a")!;
            Assert.Equal("https://shop.example/orders/A%201%2F2", link.GetAttribute("href"));
            Assert.Equal("A 1/2", link.QuerySelector("code")!.TextContent);
            Assert.Contains("opens in a new tab", link.TextContent);
            Assert.Equal("_blank", link.GetAttribute("target"));
            Assert.Contains("noopener", link.GetAttribute("rel")!.Split(' '));
        }
    }

    [Fact]
    public async Task Without_a_template_order_numbers_are_plain_text()
    {
        await SetTemplateAsync("");
        var (w, transactions) = await UsedCodeAsync("ORD-7");
        var session = await AdminAtAsync(app, w.Home);
        foreach (var page in new[] { await session.GetPageAsync(transactions), await ModalAsync(session, transactions) })
        {
            Assert.Equal("ORD-7", OrderCell(page).TextContent.Trim());
            Assert.Null(OrderCell(page).QuerySelector("a"));
        }
    }
}
