using System.Net;
using System.Text.Json;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.Redemptions.RedemptionsKit;

namespace PromoAdmin.IntegrationTests.Redemptions;

/// <summary>
/// GET /api/v1/redemptions filters as the Redemptions page does (docs/api.md#redemptions): location, calendar days in each
/// redemption's location time, the channel kept, and bad filters a 400 naming the field.
/// </summary>
public sealed class RedemptionsApiTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<JsonElement>> ListAsync(string query)
    {
        var body = await app.ApiClient().GetAsync("/api/v1/redemptions?" + query, Ct).ExpectAsync(HttpStatusCode.OK);
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    private static List<string> Orders(List<JsonElement> items) => [.. items.Select(i => i.GetProperty("orderNumber").GetString()!)];

    [Fact]
    public async Task The_list_filters_by_location_and_by_days_in_the_redemptions_location_time_and_shows_the_channel()
    {
        var w = await app.WorldAsync();
        var home = await CodeAsync(app, w.HomeId, w.Code("AH"));
        var away = await CodeAsync(app, w.AwayId, w.Code("AA"));
        var late = await RedeemAsync(app, w, home.Code, "LATE-" + w.Tag, channel: "internal", customerKey: "api-" + w.Tag);
        var early = await RedeemAsync(app, w, home.Code, "EARLY-" + w.Tag, customerKey: "api-" + w.Tag);
        var london = await RedeemAsync(app, w, away.Code, "LDN-" + w.Tag, locationKey: w.Away, customerKey: "api-" + w.Tag);
        await PlaceAtAsync(app, late, new DateTimeOffset(2026, 12, 2, 4, 30, 0, TimeSpan.Zero)); // 1 Dec 23:30 in New York
        await PlaceAtAsync(app, early, new DateTimeOffset(2026, 12, 2, 5, 30, 0, TimeSpan.Zero)); // 2 Dec 00:30 in New York
        await PlaceAtAsync(app, london, new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero)); // 1 Dec 23:30 in London
        var customer = "customerKey=api-" + w.Tag;

        var all = await ListAsync(customer);
        Assert.Equal(["LDN-" + w.Tag, "EARLY-" + w.Tag, "LATE-" + w.Tag], Orders(all));
        Assert.Equal(["online", "online", "internal"], all.Select(i => i.GetProperty("channel").GetString()).ToList());
        Assert.Equal(w.Away, all[0].GetProperty("locationKey").GetString());
        Assert.False(string.IsNullOrEmpty(all[0].GetProperty("redeemedBy").GetString()));
        Assert.Equal(["LDN-" + w.Tag], Orders(await ListAsync($"{customer}&locationKey={w.Away}")));
        Assert.Equal(["LDN-" + w.Tag, "LATE-" + w.Tag], Orders(await ListAsync($"{customer}&from=2026-12-01&to=2026-12-01")));
        Assert.Equal(["EARLY-" + w.Tag], Orders(await ListAsync($"{customer}&locationKey={w.Home}&from=2026-12-02")));
        Assert.Equal(["LATE-" + w.Tag], Orders(await ListAsync($"{customer}&locationKey={w.Home}&to=2026-12-01")));
    }

    [Theory]
    [InlineData("locationKey=nowhere-x", "locationKey")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=tomorrow", "to")]
    [InlineData("from=2026-12-05&to=2026-12-01", "to")]
    public async Task A_bad_filter_is_a_400_problem_naming_the_field(string query, string field)
    {
        var response = await app.ApiClient().GetAsync("/api/v1/redemptions?" + query, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([field], (await response.JsonAsync()).ErrorFields());
    }

    [Fact]
    public async Task A_checkout_without_channel_is_kept_as_online()
    {
        var w = await app.WorldAsync();
        var code = await CodeAsync(app, w.HomeId, w.Code("CH"));
        var response = await app.ApiClient().PostAsync("/api/v1/checkout/redeem", System.Net.Http.Json.JsonContent.Create(new
        {
            code = code.Code, locationKey = w.Home, orderNumber = "CH-" + w.Tag,
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 1 } },
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = Assert.Single(await ListAsync("orderNumber=CH-" + w.Tag));
        Assert.Equal("online", item.GetProperty("channel").GetString());
    }
}
