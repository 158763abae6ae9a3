using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Redemptions;

/// <summary>Exclusions, live catalog groups, gift cards and purchase days and times as validate answers them, with the catalog's own item kinds.</summary>
public sealed class MoneyRuleCheckoutTests(SharedApp factory)
{
    private HttpClient Api => factory.ApiClient();

    private async Task<JsonElement> ValidateAsync(TestWorld w, string code, DateTimeOffset? purchaseAt, params (string Line, string Item, decimal Price)[] lines) =>
        await Api.PostAsJsonAsync("/api/v1/checkout/validate", new
        {
            code, locationKey = w.Home, purchaseAt,
            lines = lines.Select(l => new { lineId = l.Line, itemKey = l.Item, unitPrice = l.Price, quantity = 1 }).ToArray(),
        }).ExpectAsync(HttpStatusCode.OK);

    private static string[] Reasons(JsonElement r) => r.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()!).ToArray();

    private static string[] DiscountedLines(JsonElement r) =>
        r.GetProperty("discount").GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("lineId").GetString()!).ToArray();

    private async Task<string> CodeAsync(TestWorld w, string name, Action<PromoCode> set)
    {
        var text = w.Code(name);
        await factory.AddCodeAsync(w.HomeId, text, c =>
        {
            (c.RedemptionType, c.Amount, c.ValueType) = (RedemptionType.Percentage, 10, ValueScope.PerLineItem);
            set(c);
        });
        return text;
    }

    [Fact]
    public async Task An_item_added_to_an_applicable_group_qualifies_at_the_next_checkout()
    {
        var w = await factory.WorldAsync();
        var group = "rooms-" + w.Tag;
        var created = await Api.PostAsJsonAsync("/api/v1/variant-targeting-groups", new { name = "Rooms " + w.Tag, key = group, itemKeys = new[] { w.EventKey } })
            .ExpectAsync(HttpStatusCode.Created);
        var code = await CodeAsync(w, "GRP", c => c.ApplicableGroups = [group]);

        Assert.Equal(["no_applicable_items"], Reasons(await ValidateAsync(w, code, null, ("shirt", w.ItemKey, 20m))));

        await Api.PutAsJsonAsync($"/api/v1/variant-targeting-groups/{created.GetProperty("id").GetInt32()}",
            new { name = "Rooms " + w.Tag, itemKeys = new[] { w.EventKey, w.ItemKey } }).ExpectAsync(HttpStatusCode.OK);
        var after = await ValidateAsync(w, code, null, ("shirt", w.ItemKey, 20m));
        Assert.Empty(Reasons(after));
        Assert.Equal(2.00m, after.GetProperty("discount").GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_redeem_cannot_be_dated_into_a_purchase_window_it_is_not_in()
    {
        var w = await factory.WorldAsync();
        var weekends = await CodeAsync(w, "WKND", c => c.PurchaseDaysOfWeek = BookingDays.Sat | BookingDays.Sun);
        object Body(DateTimeOffset? at) => new
        {
            code = weekends, locationKey = w.Home, orderNumber = "PA-" + w.Tag, purchaseAt = at,
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 1 } },
        };
        var now = DateTimeOffset.UtcNow;
        // Validate may ask about any moment (a Saturday next year); redeem may not, ahead or more than a day back.
        var saturday = new DateTimeOffset(2027, 1, 2, 12, 0, 0, TimeSpan.Zero);
        await Api.PostAsJsonAsync("/api/v1/checkout/validate", Body(saturday)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["purchaseAt"], (await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(saturday)).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["purchaseAt"], (await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(now.AddDays(-2))).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields());
        await using var scope = factory.Db();
        Assert.False(await scope.Context.Redemptions.AnyAsync(r => r.CodeText == weekends));
    }

    [Fact]
    public async Task A_gift_card_line_is_left_out_unless_the_code_includes_gift_cards()
    {
        var w = await factory.WorldAsync();
        var plain = await CodeAsync(w, "PLAIN", c => c.OrderMinimum = 50m);
        var withGifts = await CodeAsync(w, "GIFTS", c => (c.OrderMinimum, c.IncludeGiftCards) = (50m, true));
        (string, string, decimal)[] cart = [("shirt", w.ItemKey, 20m), ("gift", w.GiftKey, 50m)];

        var plainAnswer = await ValidateAsync(w, plain, null, cart);
        Assert.Equal(["order_minimum_not_met"], Reasons(plainAnswer));
        Assert.Contains("the order subtotal is 20.00", plainAnswer.GetProperty("errors")[0].GetProperty("message").GetString());
        var answer = await ValidateAsync(w, withGifts, null, cart);
        Assert.Equal(["shirt", "gift"], DiscountedLines(answer));
        Assert.Equal(7.00m, answer.GetProperty("discount").GetProperty("total").GetDecimal());

        var noMinimum = await CodeAsync(w, "NOMIN", _ => { });
        Assert.Equal(["shirt"], DiscountedLines(await ValidateAsync(w, noMinimum, null, cart)));
    }

    [Fact]
    public async Task Excluded_items_and_groups_are_never_discounted()
    {
        var w = await factory.WorldAsync();
        var noShirts = await CodeAsync(w, "NOSHIRT", c => c.ExcludedItems = [w.ItemKey]);
        var noEvents = await CodeAsync(w, "NOEVENT", c => (c.ExcludedGroups, c.IncludeGiftCards) = (["all-events"], true));
        (string, string, decimal)[] cart = [("room", w.EventKey, 30m), ("shirt", w.ItemKey, 20m), ("gift", w.GiftKey, 50m)];

        Assert.Equal(["room"], DiscountedLines(await ValidateAsync(w, noShirts, null, cart)));
        Assert.Equal(["shirt", "gift"], DiscountedLines(await ValidateAsync(w, noEvents, null, cart)));
    }

    [Theory]
    [InlineData("2026-03-07T14:30:00Z", new string[0])]                              // Saturday 09:30 EST
    [InlineData("2026-03-07T13:30:00Z", new[] { "purchase_time_not_allowed" })]      // Saturday 08:30 EST
    [InlineData("2026-03-08T13:30:00Z", new string[0])]                              // Sunday 09:30 EDT, after the change
    [InlineData("2026-03-08T12:30:00Z", new[] { "purchase_time_not_allowed" })]      // Sunday 08:30 EDT
    [InlineData("2026-03-09T13:30:00Z", new[] { "purchase_day_not_allowed" })]       // Monday 09:30 EDT
    [InlineData("2026-03-09T12:30:00Z", new[] { "purchase_day_not_allowed", "purchase_time_not_allowed" })]
    public async Task Purchase_days_and_times_are_read_at_the_location_from_purchase_at(string purchaseAt, string[] reasons)
    {
        var w = await factory.WorldAsync(); // home is in New York
        var code = await CodeAsync(w, "WKND", c =>
            (c.PurchaseDaysOfWeek, c.PurchaseTimeStart, c.PurchaseTimeEnd) = (BookingDays.Sat | BookingDays.Sun, new TimeOnly(9, 0), new TimeOnly(17, 0)));

        var answer = await ValidateAsync(w, code, DateTimeOffset.Parse(purchaseAt, System.Globalization.CultureInfo.InvariantCulture), ("shirt", w.ItemKey, 20m));

        Assert.Equal(reasons, Reasons(answer));
    }
}
