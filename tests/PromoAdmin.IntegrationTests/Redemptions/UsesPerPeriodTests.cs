using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Redemptions;

/// <summary>
/// An app whose clock the test sets: uses per customer are stamped and counted with the app's clock (RedeemedAt), so a
/// period's turn at local midnight is reached by moving it. Its own app, since no other test may see this clock.
/// </summary>
public sealed class FakeClockApp() : PromoAdminFactory(null, new Dictionary<string, string?> { ["Batches:Worker:Enabled"] = "false" })
{
    public SettableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>
/// Now is whatever the test last set, forwards or backwards (the tests of a class run one after another, in any order);
/// timers and time zones are the system's.
/// </summary>
public sealed class SettableClock : TimeProvider
{
    private long ticks = new DateTimeOffset(2026, 3, 7, 16, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref ticks, now.UtcTicks);
}

public sealed class UsesPerPeriodTests(FakeClockApp factory) : IClassFixture<FakeClockApp>
{
    private HttpClient Api => factory.ApiClient();

    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(TestWorld World, string Code)> CodeAsync(int uses, UsagePeriod period)
    {
        var w = await factory.WorldAsync();
        var code = w.Code("PERIOD");
        await factory.AddCodeAsync(w.HomeId, code, c => (c.Amount, c.UsesPerCustomer, c.UsesPerCustomerPeriod) = (10, uses, period));
        return (w, code);
    }

    /// <summary>Redeems at the clock's time (the app's, or the purchaseAt given) and answers the status and, if refused, the reason.</summary>
    private async Task<string> RedeemAsync(TestWorld w, string code, string customer, DateTimeOffset? purchaseAt = null)
    {
        var response = await Api.PostAsJsonAsync("/api/v1/checkout/redeem", new
        {
            code, locationKey = w.Home, orderNumber = "ORD-" + Guid.NewGuid().ToString("N")[..8], purchaseAt,
            customer = new { key = customer, isFirstOrder = false },
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 1 } },
        });
        var body = await response.JsonAsync();
        return response.StatusCode switch
        {
            HttpStatusCode.OK => "ok",
            HttpStatusCode.BadRequest => $"400 {string.Join(",", body.GetProperty("errors").EnumerateObject().Select(e => e.Name))}",
            _ => $"{(int)response.StatusCode} {body.GetProperty("errors")[0].GetProperty("reason").GetString()}",
        };
    }

    [Fact]
    public async Task One_use_a_day_turns_at_local_midnight_on_both_sides_of_the_spring_change()
    {
        var (w, code) = await CodeAsync(1, UsagePeriod.Day); // the home location is in New York
        var customer = "cust-" + w.Tag;
        const string refused = "422 customer_limit_reached";

        factory.Clock.SetUtcNow(Utc("2026-03-07T16:00:00Z")); // Saturday 11:00 EST
        Assert.Equal("ok", await RedeemAsync(w, code, customer));
        Assert.Equal(refused, await RedeemAsync(w, code, customer));
        // A purchase time sent with the order (yesterday, within the day a redeem may be dated back) moves neither the period
        // nor the count; a purchase time tomorrow is refused outright.
        Assert.Equal(refused, await RedeemAsync(w, code, customer, purchaseAt: Utc("2026-03-06T20:00:00Z")));
        Assert.Equal("400 purchaseAt", await RedeemAsync(w, code, customer, purchaseAt: Utc("2026-03-08T16:00:00Z")));
        Assert.Equal("ok", await RedeemAsync(w, code, "someone-else-" + w.Tag));

        factory.Clock.SetUtcNow(Utc("2026-03-08T04:59:59Z")); // Saturday 23:59:59 EST
        Assert.Equal(refused, await RedeemAsync(w, code, customer));
        factory.Clock.SetUtcNow(Utc("2026-03-08T05:00:00Z")); // Sunday 00:00 EST, the day clocks spring forward
        Assert.Equal("ok", await RedeemAsync(w, code, customer));
        Assert.Equal(refused, await RedeemAsync(w, code, customer));

        factory.Clock.SetUtcNow(Utc("2026-03-09T03:59:59Z")); // Sunday 23:59:59 EDT
        Assert.Equal(refused, await RedeemAsync(w, code, customer));
        factory.Clock.SetUtcNow(Utc("2026-03-09T04:00:00Z")); // Monday 00:00 EDT
        Assert.Equal("ok", await RedeemAsync(w, code, customer));

        await using var scope = factory.Db();
        var stamps = await scope.Context.Redemptions.AsNoTracking().Where(r => r.CodeText == code && r.CustomerKey == customer)
            .Select(r => r.RedeemedAt).ToListAsync();
        Assert.Equal([Utc("2026-03-07T16:00:00Z"), Utc("2026-03-08T05:00:00Z"), Utc("2026-03-09T04:00:00Z")], stamps.Order());
    }

    [Fact]
    public async Task A_void_gives_the_days_use_back()
    {
        var (w, code) = await CodeAsync(1, UsagePeriod.Day);
        var customer = "cust-" + w.Tag;
        factory.Clock.SetUtcNow(Utc("2026-11-01T16:00:00Z")); // Sunday 11:00 EST, the day clocks fall back

        Assert.Equal("ok", await RedeemAsync(w, code, customer));
        Assert.Equal("422 customer_limit_reached", await RedeemAsync(w, code, customer));
        long id;
        await using (var scope = factory.Db())
            id = await scope.Context.Redemptions.Where(r => r.CodeText == code && r.Status == RedemptionStatus.Applied).Select(r => r.Id).SingleAsync();
        await Api.PostAsync($"/api/v1/checkout/redemptions/{id}/void", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("ok", await RedeemAsync(w, code, customer));
        Assert.Equal("422 customer_limit_reached", await RedeemAsync(w, code, customer));
    }

    [Fact]
    public async Task Two_uses_a_week_start_again_on_monday_at_local_midnight()
    {
        var (w, code) = await CodeAsync(2, UsagePeriod.Week);
        var customer = "cust-" + w.Tag;

        factory.Clock.SetUtcNow(Utc("2026-03-09T12:00:00Z")); // Monday 08:00 EDT
        Assert.Equal("ok", await RedeemAsync(w, code, customer));
        factory.Clock.SetUtcNow(Utc("2026-03-16T03:59:00Z")); // Sunday 23:59 EDT, the same week
        Assert.Equal("ok", await RedeemAsync(w, code, customer));
        Assert.Equal("422 customer_limit_reached", await RedeemAsync(w, code, customer));
        factory.Clock.SetUtcNow(Utc("2026-03-16T04:00:00Z")); // Monday 00:00 EDT
        Assert.Equal("ok", await RedeemAsync(w, code, customer));
        Assert.Equal("ok", await RedeemAsync(w, code, customer));
        Assert.Equal("422 customer_limit_reached", await RedeemAsync(w, code, customer));
    }
}
