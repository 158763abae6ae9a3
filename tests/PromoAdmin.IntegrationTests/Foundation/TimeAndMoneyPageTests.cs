using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Foundation;

/// <summary>
/// Times on the pages read in the location's zone with the zone's offset, money in the account's currency
/// (docs/rules.md#times-and-money). An app of its own, as the currency is the whole app's: this one's account is in euros.
/// Worlds' home locations are in America/New_York, their away locations in Europe/London.
/// </summary>
public sealed class TimeAndMoneyPageTests : IClassFixture<TimeAndMoneyPageTests.App>
{
    public sealed class App : PromoAdminFactory, IAsyncLifetime
    {
        public async ValueTask InitializeAsync() =>
            await ApiClient().PutAsJsonAsync("/api/v1/settings", new { currency = "EUR" }, TestContext.Current.CancellationToken).ExpectAsync(HttpStatusCode.OK);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly App app;

    public TimeAndMoneyPageTests(App app) => this.app = app;

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    /// <summary>ICU separates some currencies' parts with a no-break space: compared as a plain one.</summary>
    private static string Text(IElement? e) => e!.TextContent.Replace('\u00a0', ' ').Trim();

    [Fact]
    public async Task A_codes_transactions_show_each_redemption_at_its_locations_time_with_the_offset_and_the_discount_in_euros()
    {
        var w = await app.WorldAsync();
        var code = await app.AddCodeAsync(w.HomeId, w.Code("WHEN"), c => (c.AllLocations, c.Inventory.TimesUsed) = (true, 2));
        await using (var scope = app.Db())
        {
            Redemption Used(int locationId, string order, DateTimeOffset at, decimal discount) => new()
            {
                PromoCodeId = code.Id, CodeText = code.Code, LocationId = locationId, OrderNumber = order, Discount = discount,
                Status = RedemptionStatus.Applied, RedeemedAt = at,
            };
            scope.Context.Redemptions.AddRange(Used(w.HomeId, "HOME-" + w.Tag, Utc(12, 2, 15), 1234.5m), Used(w.AwayId, "AWAY-" + w.Tag, Utc(7, 2, 15), 2m));
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = (await WebSession.SignedInAsync(app)).At(w.Home);
        var page = await session.GetPageAsync($"/promo-codes/{code.Id}/transactions");

        IElement Tr(string order) => page.QuerySelectorAll(".transactions-table tbody tr").Single(r => r.TextContent.Contains(order, StringComparison.Ordinal));
        string[] Row(string order) => [.. Tr(order).QuerySelectorAll("td").Skip(4).Select(Text)];
        // New York in winter is UTC-5; London in summer UTC+1: the away redemption reads in its own location's time.
        Assert.Equal(["1.234,50 €", "2026-12-02 10:00 UTC-5"], Row("HOME-" + w.Tag));
        Assert.Equal(["2,00 €", "2026-07-02 16:00 UTC+1"], Row("AWAY-" + w.Tag));
        Assert.Equal("2026-12-02T15:00:00Z", Tr("HOME-" + w.Tag).QuerySelector("time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task The_batch_list_and_page_show_when_a_batch_was_made_in_the_locations_time_with_the_offset()
    {
        var w = await app.WorldAsync();
        int id;
        await using (var scope = app.Db())
        {
            var batch = new Batch
            {
                LocationId = w.HomeId, Name = "Summer " + w.Tag, SettingsJson = "{}", Status = BatchStatus.Ready,
                CreatedAt = Utc(7, 1, 12), CompletedAt = Utc(7, 1, 12).AddMinutes(3),
            };
            scope.Context.Batches.Add(batch);
            await scope.Context.SaveChangesAsync(Ct);
            id = batch.Id;
        }
        var session = (await WebSession.SignedInAsync(app)).At(w.Home);
        var list = await session.GetPageAsync("/batches?name=" + w.Tag);
        Assert.Equal("2026-07-01 08:00 UTC-4", Text(list.QuerySelectorAll("tr[data-batch-row] td")[2]));

        var show = await session.GetPageAsync($"/batches/{id}");
        Assert.Contains("created 2026-07-01 08:00 UTC-4", Text(show.QuerySelector(".page-subtitle")), StringComparison.Ordinal);
        Assert.Contains("ready since 2026-07-01 08:03 UTC-4.", show.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_clients_read_in_the_current_locations_time_and_audit_entries_in_their_own_locations()
    {
        var w = await app.WorldAsync();
        var name = "Till " + w.Tag;
        await using (var scope = app.Db())
        {
            scope.Context.ApiClients.Add(new ApiClient { Name = name, KeyPrefix = "pa_" + w.Tag, KeyHash = "x" + w.Tag, Scopes = ApiScopes.Checkout, CreatedAt = Utc(12, 2, 15) });
            AuditEntry Entry(string? location, string entity) => new()
            {
                At = Utc(7, 2, 15), Actor = "when-" + w.Tag, ActorType = "user", LocationKey = location, EntityType = AuditEntities.Campaign,
                EntityName = entity, Action = AuditActions.Update,
            };
            scope.Context.AuditEntries.AddRange(Entry(w.Away, "AWAY" + w.Tag), Entry(null, "ACCOUNT" + w.Tag));
            await scope.Context.SaveChangesAsync(Ct);
        }

        string CreatedAt(IHtmlDocument page) => Text(page.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal)).QuerySelectorAll("td")[3]);
        var session = (await WebSession.SignedInAsync(app)).At(w.Home);
        Assert.Equal("2026-12-02 10:00 UTC-5", CreatedAt(await session.GetPageAsync("/api-clients")));
        // London in winter is on UTC itself: labelled so.
        Assert.Equal("2026-12-02 15:00 UTC", CreatedAt(await session.At(w.Away).GetPageAsync("/api-clients")));

        var audit = await session.At(w.Home).GetPageAsync("/audit?actor=when-" + w.Tag);
        string When(string entity) => Text(audit.QuerySelectorAll("tr[data-audit-row]").Single(r => r.TextContent.Contains(entity, StringComparison.Ordinal)).QuerySelector("td"));
        Assert.Equal(("2026-07-02 16:00 UTC+1", "2026-07-02 11:00 UTC-4"), (When("AWAY" + w.Tag), When("ACCOUNT" + w.Tag)));
    }

    [Fact]
    public async Task The_audit_date_filter_reads_whole_days_of_the_current_location()
    {
        var w = await app.WorldAsync();
        await using (var scope = app.Db())
        {
            // 03:00 UTC on Dec 3 is still Dec 2 in New York (22:00).
            scope.Context.AuditEntries.Add(new AuditEntry
            {
                At = Utc(12, 3, 3), Actor = "day-" + w.Tag, ActorType = "user", EntityType = AuditEntities.Campaign, EntityName = "LATE" + w.Tag, Action = AuditActions.Update,
            });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = (await WebSession.SignedInAsync(app)).At(w.Home);
        int Rows(IHtmlDocument page) => page.QuerySelectorAll("tr[data-audit-row]").Length;
        Assert.Equal((1, 0), (Rows(await session.GetPageAsync($"/audit?actor=day-{w.Tag}&from=2026-12-02&to=2026-12-02")),
            Rows(await session.GetPageAsync($"/audit?actor=day-{w.Tag}&from=2026-12-03&to=2026-12-03"))));
    }

    [Fact]
    public async Task The_code_list_and_campaign_budgets_show_money_in_euros_and_money_inputs_put_the_symbol_after_the_number()
    {
        var w = await app.WorldAsync();
        await app.AddCodeAsync(w.HomeId, w.Code("EURO"), c => (c.RedemptionType, c.Amount) = (RedemptionType.Value, 1500m));
        await using (var scope = app.Db())
        {
            scope.Context.Campaigns.Add(new Campaign { Name = "Euro " + w.Tag, BudgetMaxDiscount = 10000m, BudgetDiscountUsed = 1234m, BudgetMaxRedemptions = 50 });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = (await WebSession.SignedInAsync(app)).At(w.Home);
        var list = await session.GetPageAsync("/promo-codes?code=" + w.Code("EURO"));
        Assert.Equal("1.500,00 €", Text(list.QuerySelector(".value-amount")));

        var campaigns = await session.GetPageAsync("/campaigns?search=" + Uri.EscapeDataString("Euro " + w.Tag));
        Assert.Equal("10.000,00 € and 50 redemptions", Text(campaigns.QuerySelector("[data-testid=budget]")));
        Assert.Equal("1.234,00 € of 10.000,00 € given; 0 of 50 redemptions", Text(campaigns.QuerySelector("[data-testid=budget-used]")));

        var form = await session.GetPageAsync("/promo-codes/create");
        var discountLimit = form.QuerySelector("input[name$=DiscountLimit]")!;
        Assert.Equal("€", Text(discountLimit.NextElementSibling));
        Assert.Null(discountLimit.PreviousElementSibling);
    }

    [Fact]
    public async Task Diagnose_reads_the_purchase_time_at_the_locations_wall_clock_and_shows_the_discount_in_euros()
    {
        var w = await app.WorldAsync();
        await app.AddCodeAsync(w.HomeId, w.Code("NINE"), c =>
            (c.RedemptionType, c.Amount, c.ValueType, c.PurchaseTimeStart, c.PurchaseTimeEnd) = (RedemptionType.Value, 5, ValueScope.PerTransaction, new TimeOnly(9, 0), new TimeOnly(17, 0)));
        var session = (await WebSession.SignedInAsync(app)).At(w.Home);
        var page = await session.GetPageAsync("/diagnose?code=" + w.Code("NINE"));
        Assert.Contains("America/New_York", page.QuerySelector("label[for=PurchaseAt]")!.TextContent, StringComparison.Ordinal);

        async Task<IHtmlDocument> CheckAsync(string purchaseAt) => await WebSession.ParseAsync(await session.SubmitAsync(page, "form[action='/diagnose']", new()
        {
            ["LocationKey"] = [w.Home], ["PurchaseAt"] = [purchaseAt], ["Lines[0].ItemKey"] = [w.ItemKey], ["Lines[0].UnitPrice"] = ["20"],
        }));
        // 09:30 in New York is 14:30 UTC: inside 09:00-17:00 there (read as UTC it would be 04:30 there, outside).
        var morning = await CheckAsync("2026-12-02T09:30");
        Assert.Equal("true", morning.QuerySelector("[data-check=purchase_time_not_allowed]")!.GetAttribute("data-passed"));
        Assert.Equal("Purchased 2026-12-02 09:30 UTC-5", Text(morning.QuerySelector("[data-testid=purchase-time]")));
        Assert.Equal("5,00 €", Text(morning.QuerySelector("[data-testid=discount-total]")));
        Assert.Equal("2026-12-02T09:30", morning.QuerySelector<IHtmlInputElement>("#PurchaseAt")!.Value);

        // 20:00 in New York is outside (read as UTC it would be 15:00 there, inside).
        var evening = await CheckAsync("2026-12-02T20:00");
        Assert.Equal("false", evening.QuerySelector("[data-check=purchase_time_not_allowed]")!.GetAttribute("data-passed"));

        // 02:30 on 2026-03-08 does not happen in New York: the clocks go from 02:00 to 03:00.
        var skipped = await CheckAsync("2026-03-08T02:30");
        Assert.Null(skipped.QuerySelector("[data-testid=diagnosis]"));
        Assert.Contains("does not exist in America/New_York", skipped.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }
}
