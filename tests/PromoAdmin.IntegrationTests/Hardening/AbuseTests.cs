using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Hardening;

/// <summary>No way around the rules: void ownership, API clients by API, the guessing brake on applied codes.</summary>
public sealed class AbuseTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> CheckoutKeyAsync(string name)
    {
        var created = await factory.ApiClient().PostAsJsonAsync("/api/v1/api-clients", new { name, scopes = new[] { "checkout" } }, Ct)
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["checkout"], created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToArray());
        return created.GetProperty("key").GetString()!;
    }

    private async Task<(TestWorld W, string Code)> CodeAsync(string name, Action<PromoCode>? set = null)
    {
        var w = await factory.WorldAsync();
        var code = await factory.AddCodeAsync(w.HomeId, w.Code(name), c =>
        {
            c.Amount = 10;
            c.Inventory.Quantity = 10;
            set?.Invoke(c);
        });
        return (w, code.Code);
    }

    private static object Cart(TestWorld w, string code, string order, string[]? applied = null) => new
    {
        code, locationKey = w.Home, orderNumber = order, appliedCodes = applied ?? [],
        lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 30m, quantity = 1 } },
    };

    [Fact]
    public async Task A_second_checkout_client_gets_404_on_the_first_ones_redemption_and_an_admin_key_may_void_any()
    {
        var (w, code) = await CodeAsync("OWN");
        using var shop = factory.ApiClient(await CheckoutKeyAsync("Shop " + w.Tag));
        using var kiosk = factory.ApiClient(await CheckoutKeyAsync("Kiosk " + w.Tag));
        var redemption = (await shop.PostAsJsonAsync("/api/v1/checkout/redeem", Cart(w, code, "OWN-1"), Ct).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("redemptionId").GetInt64();

        var foreign = await kiosk.PostAsync($"/api/v1/checkout/redemptions/{redemption}/void", null, Ct).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(404, foreign.GetProperty("status").GetInt32());
        Assert.Equal(9, await QuantityAsync(code)); // nothing given back
        var own = await shop.PostAsync($"/api/v1/checkout/redemptions/{redemption}/void", null, Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.True(own.GetProperty("voidedNow").GetBoolean());
        Assert.Equal(10, await QuantityAsync(code));

        var second = (await shop.PostAsJsonAsync("/api/v1/checkout/redeem", Cart(w, code, "OWN-2"), Ct).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("redemptionId").GetInt64();
        await factory.ApiClient().PostAsync($"/api/v1/checkout/redemptions/{second}/void", null, Ct).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api_clients_are_listed_created_with_their_key_once_and_revoked_through_the_api()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var bad = await factory.ApiClient().PostAsJsonAsync("/api/v1/api-clients", new { name = "", scopes = new[] { "root" } }, Ct)
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["name", "scopes"], bad.ErrorFields().Order().ToArray());

        var created = await factory.ApiClient().PostAsJsonAsync("/api/v1/api-clients", new { name = "Till " + tag, scopes = new[] { "checkout", "admin" } }, Ct)
            .ExpectAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetInt32();
        Assert.StartsWith(created.GetProperty("keyPrefix").GetString()!, key);

        var list = await factory.ApiClient().GetAsync("/api/v1/api-clients", Ct).ExpectAsync(HttpStatusCode.OK);
        var listed = list.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == id);
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.DoesNotContain(key, list.ToString());

        using var till = factory.ApiClient(key);
        await till.GetAsync("/api/v1/locations", Ct).ExpectAsync(HttpStatusCode.OK);
        var revoked = await factory.ApiClient().PostAsync($"/api/v1/api-clients/{id}/revoke", null, Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, revoked.GetProperty("revokedAt").ValueKind);
        await till.GetAsync("/api/v1/locations", Ct).ExpectAsync(HttpStatusCode.Unauthorized);
        await factory.ApiClient(await CheckoutKeyAsync("Checkout only " + tag)).GetAsync("/api/v1/api-clients", Ct).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_applied_codes_count_toward_the_guessing_brake_and_answer_as_any_code_that_does_not_combine()
    {
        var (w, code) = await CodeAsync("STACK", c => c.Combinable = true);
        using var guesser = factory.ApiClient(await CheckoutKeyAsync("Guesser " + w.Tag));
        string[] Guesses(int from) => Enumerable.Range(from, 15).Select(i => $"GUESS{i}{w.Tag}").ToArray();

        // An unknown applied code reads like a known code that does not combine: same reason, same kind of message.
        var (_, lonely) = await CodeAsync("ALONE");
        var known = await guesser.PostAsJsonAsync("/api/v1/checkout/validate", Cart(w, code, "G", [lonely]), Ct).ExpectAsync(HttpStatusCode.OK);
        var unknown = await guesser.PostAsJsonAsync("/api/v1/checkout/validate", Cart(w, code, "G", ["NOSUCH" + w.Tag]), Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Reasons(known), Reasons(unknown));
        Assert.Equal(["not_combinable"], Reasons(unknown));

        var tooMany = await guesser.PostAsJsonAsync("/api/v1/checkout/validate", Cart(w, code, "G", Enumerable.Range(0, 21).Select(i => $"C{i}").ToArray()), Ct)
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["appliedCodes"], tooMany.ErrorFields());

        // The brake allows 30 unknown codes a minute: 1 + 15 + 15 of them arrive as applied codes, then the client is braked.
        await guesser.PostAsJsonAsync("/api/v1/checkout/validate", Cart(w, code, "G", Guesses(0)), Ct).ExpectAsync(HttpStatusCode.OK);
        await guesser.PostAsJsonAsync("/api/v1/checkout/validate", Cart(w, code, "G", Guesses(15)), Ct).ExpectAsync(HttpStatusCode.OK);
        var braked = await guesser.PostAsJsonAsync("/api/v1/checkout/validate", Cart(w, code, "G"), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, braked.StatusCode);
        Assert.NotNull(braked.Headers.RetryAfter);
        // Other clients are not braked.
        await factory.ApiClient(await CheckoutKeyAsync("Honest " + w.Tag)).PostAsJsonAsync("/api/v1/checkout/validate", Cart(w, code, "G"), Ct)
            .ExpectAsync(HttpStatusCode.OK);
    }

    private static string[] Reasons(JsonElement answer) =>
        answer.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()!).ToArray();

    private async Task<int?> QuantityAsync(string code)
    {
        await using var scope = factory.Db();
        return await scope.Context.PromoCodes.Where(c => c.Code == code).Select(c => c.Inventory.Quantity).FirstAsync(Ct);
    }
}

/// <summary>
/// Unknown API keys from one address: 20 a minute, then 429 for the rest of it; a log line when the first comes and one
/// when the brake goes on, not one per request.
/// </summary>
public sealed class UnknownApiKeyTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unknown_keys_are_braked_per_address_after_20_in_a_minute_with_a_log_line_at_the_first_and_at_the_brake()
    {
        var before = factory.Log.Events.Count;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
            statuses.Add((await factory.ApiClient($"pa_guess_{i}_{Guid.NewGuid():N}").GetAsync("/api/v1/locations", Ct)).StatusCode);
        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(20), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // The address is braked, whatever key it sends: otherwise the brake would still tell good keys from bad.
        var valid = await factory.ApiClient().GetAsync("/api/v1/locations", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, valid.StatusCode);
        Assert.True(int.Parse(valid.Headers.RetryAfter!.ToString()) is > 0 and <= 60);
        Assert.Equal("application/problem+json", valid.Content.Headers.ContentType!.MediaType);

        await factory.Requests.IdleAsync();
        var events = factory.Log.Events.Skip(before).Where(e => e.Level >= Serilog.Events.LogEventLevel.Information).ToList();
        var lines = events.Select(e => e.RenderMessage()).ToList();
        Assert.Single(lines, l => l.Contains("Unknown API key", StringComparison.Ordinal));
        // And one when the brake goes on; no request line for any of the 31 requests.
        Assert.Single(lines, l => l.Contains("API key brake on", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Properties.TryGetValue("SourceContext", out var source) && source.ToString() == "\"Serilog.AspNetCore.RequestLoggingMiddleware\"");
    }
}
