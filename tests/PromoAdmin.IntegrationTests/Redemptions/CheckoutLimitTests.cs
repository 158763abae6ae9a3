using System.Net;
using System.Net.Http.Json;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Redemptions;

public sealed class TightLimitsFactory() : PromoAdminFactory(null, new Dictionary<string, string?>
{
    ["RateLimiting:PermitLimit"] = "10", ["RateLimiting:WindowSeconds"] = "60", ["RateLimiting:GuessLimit"] = "3", ["RateLimiting:GuessWindowSeconds"] = "60",
});

public sealed class CheckoutLimitTests(TightLimitsFactory factory) : IClassFixture<TightLimitsFactory>
{
    private async Task<HttpClient> NewClientAsync(string name)
    {
        await using var scope = factory.Db();
        var created = await scope.Services.GetRequiredService<ApiClientService>().CreateAsync(name, [ApiScopes.Checkout]);
        return factory.ApiClient(created.Key);
    }

    [Fact]
    public async Task A_client_over_its_rate_limit_gets_429_with_retry_after_and_others_do_not()
    {
        var w = await factory.WorldAsync();
        await factory.AddCodeAsync(w.HomeId, "ANY" + w.Tag, c => c.Amount = 5);
        var busy = await NewClientAsync("Busy " + w.Tag);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            var body = new { code = "ANY" + w.Tag, locationKey = w.Home, lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 10, quantity = 1 } } };
            var r = await busy.PostAsJsonAsync("/api/v1/checkout/validate", body);
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests) Assert.True(int.Parse(r.Headers.GetValues("Retry-After").First()) >= 1);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(10, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        var calm = await NewClientAsync("Calm " + w.Tag);
        var ok = await calm.PostAsJsonAsync("/api/v1/checkout/validate", new { code = "ANY" + w.Tag, locationKey = w.Home, lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 10, quantity = 1 } } });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, ok.StatusCode);
    }

    [Fact]
    public async Task Many_unknown_codes_from_one_client_brake_it_with_429()
    {
        var w = await factory.WorldAsync();
        var guesser = await NewClientAsync("Guesser " + w.Tag);
        for (var i = 0; i < 3; i++)
        {
            var r = await guesser.PostAsJsonAsync("/api/v1/checkout/validate", new { code = $"GUESS{i}", locationKey = w.Home, lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 10, quantity = 1 } } })
                .ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("code_not_found", r.GetProperty("errors")[0].GetProperty("reason").GetString());
        }
        var braked = await guesser.PostAsJsonAsync("/api/v1/checkout/redeem", new { code = "GUESS9", locationKey = w.Home, orderNumber = "G", lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 10, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.TooManyRequests, braked.StatusCode);
        Assert.True(int.Parse(braked.Headers.GetValues("Retry-After").First()) > 1);
    }
}
