using System.Net;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Domain.Users;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.Redemptions.RedemptionsKit;

namespace PromoAdmin.IntegrationTests.Redemptions;

/// <summary>
/// The Redemptions page (docs/rules.md#redemptions): its filters, columns and paging, voiding with a confirmation, who may
/// void and export, the CSV, and the links to and from a code. Worlds' home locations are in New York, away in London.
/// </summary>
public sealed class RedemptionsPageTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<WebSession> AdminAsync(TestWorld w) => (await WebSession.SignedInAsync(app)).At(w.Home);

    [Fact]
    public async Task Each_filter_narrows_the_list_code_order_customer_and_location()
    {
        var w = await app.WorldAsync();
        var a = await CodeAsync(app, w.HomeId, w.Code("FA"));
        var b = await CodeAsync(app, w.HomeId, w.Code("FB"));
        var away = await CodeAsync(app, w.AwayId, w.Code("FC"));
        await RedeemAsync(app, w, a.Code, "A1-" + w.Tag, customerKey: "ann-" + w.Tag);
        await RedeemAsync(app, w, a.Code, "A2-" + w.Tag, customerKey: "bob-" + w.Tag);
        await RedeemAsync(app, w, b.Code, "B1-" + w.Tag, customerKey: "ann-" + w.Tag);
        await RedeemAsync(app, w, away.Code, "C1-" + w.Tag, locationKey: w.Away, customerKey: "ann-" + w.Tag);
        var session = await AdminAsync(w);

        // The filter form, submitted as a person would (a GET form).
        async Task<List<string>> Filter(Dictionary<string, string[]> values)
        {
            var list = await session.GetPageAsync("/redemptions");
            var (action, fields) = session.FormOf(list, "#redemption-filters", values);
            var query = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
            return Orders(await session.GetPageAsync(action + "?" + query));
        }

        Assert.Equal(["A2-" + w.Tag, "A1-" + w.Tag], await Filter(new() { ["code"] = [a.Code.ToLowerInvariant()] }));
        Assert.Equal(["B1-" + w.Tag], await Filter(new() { ["orderNumber"] = ["B1-" + w.Tag] }));
        Assert.Equal(["C1-" + w.Tag, "B1-" + w.Tag, "A1-" + w.Tag], await Filter(new() { ["customerKey"] = ["ann-" + w.Tag] }));
        Assert.Equal(["C1-" + w.Tag], await Filter(new() { ["customerKey"] = ["ann-" + w.Tag], ["locationKey"] = [w.Away] }));
    }

    [Fact]
    public async Task The_date_range_takes_whole_days_in_each_redemptions_location_time_also_around_midnight()
    {
        var w = await app.WorldAsync();
        var home = await CodeAsync(app, w.HomeId, w.Code("DH"));
        var away = await CodeAsync(app, w.AwayId, w.Code("DA"));
        var late = await RedeemAsync(app, w, home.Code, "LATE-" + w.Tag, customerKey: "day-" + w.Tag);
        var early = await RedeemAsync(app, w, home.Code, "EARLY-" + w.Tag, customerKey: "day-" + w.Tag);
        var london = await RedeemAsync(app, w, away.Code, "LDN-" + w.Tag, locationKey: w.Away, customerKey: "day-" + w.Tag);
        // 04:30 UTC on 2 December is 23:30 on 1 December in New York; 05:30 UTC is 00:30 on the 2nd there.
        await PlaceAtAsync(app, late, new DateTimeOffset(2026, 12, 2, 4, 30, 0, TimeSpan.Zero));
        await PlaceAtAsync(app, early, new DateTimeOffset(2026, 12, 2, 5, 30, 0, TimeSpan.Zero));
        // 23:30 UTC on 1 December is 23:30 on the 1st in London (GMT in winter).
        await PlaceAtAsync(app, london, new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero));
        var session = await AdminAsync(w);
        var customer = "customerKey=day-" + w.Tag;

        Assert.Equal(["LDN-" + w.Tag, "LATE-" + w.Tag], Orders(await session.GetPageAsync($"/redemptions?{customer}&from=2026-12-01&to=2026-12-01")));
        Assert.Equal(["EARLY-" + w.Tag], Orders(await session.GetPageAsync($"/redemptions?{customer}&from=2026-12-02&to=2026-12-02")));
        Assert.Equal(["LATE-" + w.Tag], Orders(await session.GetPageAsync($"/redemptions?{customer}&locationKey={w.Home}&to=2026-12-01")));
        Assert.Equal(["LDN-" + w.Tag, "EARLY-" + w.Tag, "LATE-" + w.Tag], Orders(await session.GetPageAsync($"/redemptions?{customer}&from=2026-12-01&to=2026-12-02")));
    }

    [Fact]
    public async Task A_filter_that_cannot_be_read_says_why_and_lists_nothing()
    {
        var w = await app.WorldAsync();
        var code = await CodeAsync(app, w.HomeId, w.Code("BAD"));
        await RedeemAsync(app, w, code.Code, "BAD-" + w.Tag);
        var session = await AdminAsync(w);

        var backwards = await session.GetPageAsync($"/redemptions?code={code.Code}&from=2026-12-05&to=2026-12-01");
        Assert.Contains("to must be on or after from.", backwards.QuerySelector("[data-testid=filter-errors]")!.TextContent);
        Assert.Empty(Rows(backwards));
        var badDate = await session.GetPageAsync($"/redemptions?code={code.Code}&from=yesterday");
        Assert.Contains("from must be a date written yyyy-MM-dd.", badDate.QuerySelector("[data-testid=filter-errors]")!.TextContent);
        Assert.Empty(Rows(badDate));
        var unknown = await session.GetPageAsync($"/redemptions?code={code.Code}&locationKey=nowhere-{w.Tag}");
        Assert.Contains($"Location 'nowhere-{w.Tag}' does not exist.", unknown.QuerySelector("[data-testid=filter-errors]")!.TextContent);
        Assert.Empty(Rows(unknown));
    }

    [Fact]
    public async Task Each_row_shows_channel_the_redeeming_clients_name_the_location_time_with_its_offset_and_the_discount_as_money()
    {
        var w = await app.WorldAsync();
        var code = await CodeAsync(app, w.HomeId, w.Code("COL"));
        var id = await RedeemAsync(app, w, code.Code, "COL-" + w.Tag, channel: "internal", customerKey: "col-" + w.Tag);
        await PlaceAtAsync(app, id, new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        string client;
        await using (var scope = app.Db())
            client = await scope.Context.Redemptions.Where(r => r.Id == id).Select(r => scope.Context.ApiClients.First(c => c.Id == r.ApiClientId).Name).FirstAsync(Ct);
        var session = await AdminAsync(w);

        var row = Assert.Single(Rows(await session.GetPageAsync($"/redemptions?code={code.Code}")));
        Assert.Equal(code.Code, Cell(row, "code"));
        Assert.Equal("col-" + w.Tag, Cell(row, "customer"));
        Assert.Equal("$2.00", Cell(row, "discount"));
        Assert.Equal("internal", Cell(row, "channel"));
        Assert.StartsWith("2026-12-02 10:00 UTC-5", Cell(row, "time"));
        Assert.Equal(client, Cell(row, "by"));
        Assert.Equal("No", Cell(row, "voided"));
    }

    [Fact]
    public async Task The_list_pages_with_the_page_size_picked()
    {
        var w = await app.WorldAsync();
        var code = await app.AddCodeAsync(w.HomeId, w.Code("PAGE"), c => c.Amount = 10);
        for (var i = 1; i <= 6; i++) await RedeemAsync(app, w, code.Code, $"P{i}-{w.Tag}");
        var session = await AdminAsync(w);

        var first = await session.GetPageAsync($"/redemptions?code={code.Code}&pageSize=5");
        Assert.Equal(5, Rows(first).Count);
        Assert.Contains("Total results: 6", first.QuerySelector("[data-testid=total-results]")!.TextContent);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal([$"P1-{w.Tag}"], Orders(await session.GetPageAsync(next)));
    }

    [Fact]
    public async Task Voiding_asks_first_then_gives_the_usage_back_marks_it_voided_and_audits_the_user()
    {
        var w = await app.WorldAsync();
        var code = await CodeAsync(app, w.HomeId, w.Code("VOID"));
        var id = await RedeemAsync(app, w, code.Code, "V1-" + w.Tag);
        Assert.Equal(4, await QuantityAsync(code.Id));
        var session = await AdminAsync(w);

        var list = await session.GetPageAsync($"/redemptions?code={code.Code}");
        var confirm = await session.GetPageAsync(list.QuerySelector("[data-testid=void-link]")!.GetAttribute("href")!);
        Assert.Contains("Void the redemption of", confirm.QuerySelector("h1")!.TextContent);
        Assert.Equal(RedemptionStatus.Applied, await StatusAsync(id)); // the confirmation page changes nothing

        var landed = await session.FollowAsync(await session.SubmitAsync(confirm, "#void-form"));
        Assert.Contains("was voided", landed.QuerySelector(".alert-success")!.TextContent);
        var row = Assert.Single(Rows(landed)); // back on the list as it was filtered
        Assert.StartsWith("voided", Cell(row, "voided"));
        Assert.Null(row.QuerySelector("[data-testid=void-link]"));
        Assert.Equal(5, await QuantityAsync(code.Id));
        Assert.Equal(RedemptionStatus.Voided, await StatusAsync(id));
        await using var scope = app.Db();
        var entry = await scope.Context.AuditEntries.SingleAsync(e => e.EntityType == AuditEntities.Redemption && e.EntityId == id.ToString() && e.Action == AuditActions.Void, Ct);
        Assert.Equal((PromoAdminFactory.AdminEmail, "user", w.Home), (entry.Actor, entry.ActorType, entry.LocationKey));
    }

    [Fact]
    public async Task Voiding_an_already_voided_redemption_says_so_and_changes_nothing()
    {
        var w = await app.WorldAsync();
        var code = await CodeAsync(app, w.HomeId, w.Code("TWICE"));
        var id = await RedeemAsync(app, w, code.Code, "T1-" + w.Tag);
        var session = await AdminAsync(w);
        var confirm = await session.GetPageAsync($"/redemptions/{id}/void");
        await session.FollowAsync(await session.SubmitAsync(confirm, "#void-form"));

        var again = await session.FollowAsync(await session.SubmitAsync(confirm, "#void-form"));
        Assert.Contains("was already voided", again.QuerySelector(".alert-danger")!.TextContent);
        Assert.Contains("Nothing changed.", again.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(5, await QuantityAsync(code.Id));
        Assert.NotNull((await session.GetPageAsync($"/redemptions/{id}/void")).QuerySelector("[data-testid=already-voided]"));
        await using var scope = app.Db();
        Assert.Equal(1, await scope.Context.AuditEntries.CountAsync(e => e.EntityType == AuditEntities.Redemption && e.EntityId == id.ToString(), Ct));
    }

    [Fact]
    public async Task A_viewer_sees_the_list_without_void_or_export_and_is_refused_both()
    {
        var w = await app.WorldAsync();
        var code = await CodeAsync(app, w.HomeId, w.Code("VIEW"));
        var id = await RedeemAsync(app, w, code.Code, "VW-" + w.Tag);
        var email = $"viewer-{w.Tag}@test.promoadmin";
        await app.UserAsync(email, "Viewer-pass-2026", Roles.Viewer);
        var viewer = (await WebSession.SignedInAsync(app, email, "Viewer-pass-2026")).At(w.Home);

        var list = await viewer.GetPageAsync($"/redemptions?code={code.Code}");
        Assert.Single(Rows(list));
        Assert.Null(list.QuerySelector("[data-testid=void-link]"));
        Assert.Null(list.QuerySelector("[data-testid=redemptions-export]"));
        var post = await viewer.Client.PostAsync($"/redemptions/{id}/void",
            new FormUrlEncodedContent([new("__RequestVerificationToken", TokenOf(list))]), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.GetAsync($"/redemptions/{id}/void", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.GetAsync($"/redemptions/export.csv?code={code.Code}", Ct)).StatusCode);
        Assert.Equal(RedemptionStatus.Applied, await StatusAsync(id));
    }

    [Fact]
    public async Task A_customer_service_user_of_one_location_neither_sees_nor_voids_another_locations_redemption()
    {
        var w = await app.WorldAsync();
        var home = await CodeAsync(app, w.HomeId, w.Code("CSH"));
        var away = await CodeAsync(app, w.AwayId, w.Code("CSA"));
        var own = await RedeemAsync(app, w, home.Code, "CSH-" + w.Tag, customerKey: "cs-" + w.Tag);
        var other = await RedeemAsync(app, w, away.Code, "CSA-" + w.Tag, locationKey: w.Away, customerKey: "cs-" + w.Tag);
        var email = $"cs-{w.Tag}@test.promoadmin";
        await app.UserAsync(email, "Service-pass-2026", Roles.CustomerService, [w.HomeId]);
        var cs = (await WebSession.SignedInAsync(app, email, "Service-pass-2026")).At(w.Home);

        var list = await cs.GetPageAsync($"/redemptions?customerKey=cs-{w.Tag}");
        Assert.Equal(["CSH-" + w.Tag], Orders(list));
        Assert.NotNull(list.QuerySelector("[data-testid=void-link]"));
        Assert.Equal(HttpStatusCode.NotFound, (await cs.Client.GetAsync($"/redemptions/{other}/void", Ct)).StatusCode);
        var post = await cs.Client.PostAsync($"/redemptions/{other}/void",
            new FormUrlEncodedContent([new("__RequestVerificationToken", TokenOf(list))]), Ct);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(RedemptionStatus.Applied, await StatusAsync(other));
        // The other location's key in the filter is, to them, a location that does not exist.
        Assert.NotNull((await cs.GetPageAsync($"/redemptions?locationKey={w.Away}")).QuerySelector("[data-testid=filter-errors]"));

        await cs.FollowAsync(await cs.SubmitAsync(await cs.GetPageAsync($"/redemptions/{own}/void"), "#void-form"));
        Assert.Equal(RedemptionStatus.Voided, await StatusAsync(own));
    }

    [Fact]
    public async Task The_csv_holds_the_filtered_rows_with_utc_times_and_plain_numbers()
    {
        var w = await app.WorldAsync();
        var code = await CodeAsync(app, w.HomeId, w.Code("CSV"));
        var other = await CodeAsync(app, w.HomeId, w.Code("CSVX"));
        var id = await RedeemAsync(app, w, code.Code, "CSV1-" + w.Tag, channel: "internal", customerKey: "csv-" + w.Tag);
        await RedeemAsync(app, w, other.Code, "CSV2-" + w.Tag, customerKey: "csv-" + w.Tag);
        await PlaceAtAsync(app, id, new DateTimeOffset(2026, 12, 2, 4, 30, 0, TimeSpan.Zero));
        var session = await AdminAsync(w);

        var page = await session.GetPageAsync($"/redemptions?customerKey=csv-{w.Tag}&code={code.Code}");
        var response = await session.Client.GetAsync(page.QuerySelector("[data-testid=redemptions-export]")!.GetAttribute("href")!, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment; filename=\"redemptions-", response.Content.Headers.ContentDisposition!.ToString());
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        Assert.Equal(Domain.Export.RedemptionCsv.Header, lines[0]);
        var row = Assert.Single(lines.Skip(1));
        string Field(string name) => row[Array.IndexOf(Domain.Export.RedemptionCsv.Header, name)];
        Assert.Equal((code.Code, "CSV1-" + w.Tag, w.Home, "internal", "2026-12-02 04:30:00", "applied"),
            (Field("Code"), Field("Order Number"), Field("Location"), Field("Channel"), Field("Redeemed At (UTC)"), Field("Status")));
        Assert.Equal(2m, decimal.Parse(Field("Discount"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_redemption_links_to_its_code_unless_deleted_and_the_codes_transactions_link_to_the_filtered_list()
    {
        var w = await app.WorldAsync();
        var code = await CodeAsync(app, w.HomeId, w.Code("LINK"));
        await RedeemAsync(app, w, code.Code, "L1-" + w.Tag);
        await using (var scope = app.Db())
        {
            scope.Context.Redemptions.Add(new Redemption
            {
                PromoCodeId = null, CodeText = w.Code("GONE"), LocationId = w.HomeId, OrderNumber = "L2-" + w.Tag, Discount = 1m,
                Status = RedemptionStatus.Applied, RedeemedAt = DateTimeOffset.UtcNow,
            });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = await AdminAsync(w);

        var transactions = await session.GetPageAsync($"/promo-codes/{code.Id}/transactions");
        var seeAll = transactions.QuerySelector("[data-testid=see-in-redemptions]")!.GetAttribute("href")!;
        Assert.Equal($"/redemptions?code={code.Code}", seeAll);
        var row = Assert.Single(Rows(await session.GetPageAsync(seeAll)));
        var link = row.QuerySelector("td[data-col=code] a")!.GetAttribute("href")!;
        Assert.Equal($"/promo-codes/{code.Id}", link);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync(link, Ct)).StatusCode);

        var gone = Assert.Single(Rows(await session.GetPageAsync($"/redemptions?orderNumber=L2-{w.Tag}")));
        Assert.Null(gone.QuerySelector("td[data-col=code] a"));
        Assert.StartsWith(w.Code("GONE"), Cell(gone, "code"));
    }

    private async Task<int?> QuantityAsync(int codeId)
    {
        await using var scope = app.Db();
        return await scope.Context.PromoCodeInventory.Where(i => i.PromoCodeId == codeId).Select(i => i.Quantity).FirstAsync(Ct);
    }

    private async Task<RedemptionStatus> StatusAsync(long id)
    {
        await using var scope = app.Db();
        return await scope.Context.Redemptions.Where(r => r.Id == id).Select(r => r.Status).FirstAsync(Ct);
    }
}
