using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Redemptions;

/// <summary>On the shared app, whose checkout is not rate-limited per window, so the bursts here meet no limit; the 429 cases have an app of their own.</summary>
public sealed class CheckoutApiTests(SharedApp factory)
{
    private HttpClient Api => factory.ApiClient();

    private async Task<(TestWorld World, int CodeId, string Code)> CodeAsync(Action<PromoCode> set)
    {
        var w = await factory.WorldAsync();
        var text = w.Code("CHK");
        var code = await factory.AddCodeAsync(w.HomeId, text, c =>
        {
            (c.RedemptionType, c.Amount, c.ValueType) = (RedemptionType.Percentage, 10, Domain.PromoCodes.ValueScope.PerLineItem);
            set(c);
        });
        return (w, code.Id, text);
    }

    private static object Body(TestWorld w, string code, string? order = null, string? customer = null, decimal price = 20m) => new
    {
        code, locationKey = w.Home, orderNumber = order, customer = customer is null ? null : new { key = customer, isFirstOrder = false },
        lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = price, quantity = 2 } },
    };

    private async Task<(int? Quantity, int TimesUsed, int Redemptions)> StateAsync(int codeId)
    {
        await using var scope = factory.Db();
        var c = await scope.Context.PromoCodes.AsNoTracking().FirstAsync(x => x.Id == codeId);
        var n = await scope.Context.Redemptions.CountAsync(r => r.PromoCodeId == codeId && r.Status == RedemptionStatus.Applied);
        return (c.Inventory.Quantity, c.Inventory.TimesUsed, n);
    }

    [Fact]
    public async Task Validate_answers_the_discount_per_line_for_a_valid_code()
    {
        var (w, _, code) = await CodeAsync(c => { c.Display = "10% off"; });
        var r = await Api.PostAsJsonAsync("/api/v1/checkout/validate", Body(w, code.ToLowerInvariant())).ExpectAsync(HttpStatusCode.OK);
        Assert.True(r.GetProperty("valid").GetBoolean());
        Assert.Equal(code, r.GetProperty("code").GetString());
        Assert.Equal("10% off", r.GetProperty("display").GetString());
        Assert.Equal(4.00m, r.GetProperty("discount").GetProperty("total").GetDecimal());
        Assert.Equal("1", r.GetProperty("discount").GetProperty("lines")[0].GetProperty("lineId").GetString());
        Assert.Empty(r.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Validate_and_redeem_still_need_a_cart_line_only_diagnose_looks_a_code_up_alone()
    {
        var (w, _, code) = await CodeAsync(_ => { });
        var empty = new { code, locationKey = w.Home, orderNumber = "ORD-" + w.Tag, lines = Array.Empty<object>() };
        foreach (var path in new[] { "/api/v1/checkout/validate", "/api/v1/checkout/redeem" })
            Assert.Contains("lines", (await Api.PostAsJsonAsync(path, empty).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields(), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Validate_lists_every_failing_check_in_order()
    {
        var (w, _, code) = await CodeAsync(c => { c.IsArchived = true; c.Enabled = false; c.Inventory.Quantity = 0; });
        var r = await Api.PostAsJsonAsync("/api/v1/checkout/validate", Body(w, code)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(r.GetProperty("valid").GetBoolean());
        Assert.Equal(["code_archived", "code_disabled", "quantity_exhausted"], r.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).ToArray());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("discount").ValueKind);

        var unknown = await Api.PostAsJsonAsync("/api/v1/checkout/validate", Body(w, "NOPE" + w.Tag)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("code_not_found", unknown.GetProperty("errors")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Validate_sees_an_edit_a_redemption_and_a_void_at_once_though_rules_are_cached()
    {
        var (w, id, code) = await CodeAsync(c => c.Inventory.Quantity = 1);
        async Task<JsonElement> ValidateAsync() => await Api.PostAsJsonAsync("/api/v1/checkout/validate", Body(w, code)).ExpectAsync(HttpStatusCode.OK);
        static string[] Reasons(JsonElement r) => r.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()!).ToArray();

        Assert.Equal(4.00m, (await ValidateAsync()).GetProperty("discount").GetProperty("total").GetDecimal());
        await Api.PutAsJsonAsync($"/api/v1/promo-codes/{id}", new { code, amount = 25, redemptionType = "percentage", quantity = 1 }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(10.00m, (await ValidateAsync()).GetProperty("discount").GetProperty("total").GetDecimal());

        var redeemed = await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, order: "ORD-CACHE-" + w.Tag)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["quantity_exhausted"], Reasons(await ValidateAsync()));
        await Api.PostAsync($"/api/v1/checkout/redemptions/{redeemed.GetProperty("redemptionId").GetInt64()}/void", null).ExpectAsync(HttpStatusCode.OK);
        Assert.True((await ValidateAsync()).GetProperty("valid").GetBoolean());

        await Api.PutAsJsonAsync($"/api/v1/promo-codes/{id}", new { code, amount = 25, redemptionType = "percentage", quantity = 1, enabled = false }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["code_disabled"], Reasons(await ValidateAsync()));
    }

    [Fact]
    public async Task Codes_of_a_batch_that_is_not_ready_are_not_found()
    {
        var w = await factory.WorldAsync();
        await using (var scope = factory.Db())
        {
            var batch = new Domain.Batches.Batch { LocationId = w.HomeId, Name = "Pending " + w.Tag, SettingsJson = "{}", Status = Domain.Batches.BatchStatus.Generating, RequestedCount = 10 };
            scope.Context.Batches.Add(batch);
            await scope.Context.SaveChangesAsync();
            scope.Context.PromoCodes.Add(TestData.NewCode(w.HomeId, w.Code("PEND"), c => (c.Amount, c.BatchId) = (10, batch.Id)));
            await scope.Context.SaveChangesAsync();
        }
        var r = await Api.PostAsJsonAsync("/api/v1/checkout/validate", Body(w, w.Code("PEND"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("code_not_found", r.GetProperty("errors")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Parallel_redeems_never_take_more_than_the_inventory()
    {
        for (var round = 0; round < 3; round++)
        {
            var (w, id, code) = await CodeAsync(c => c.Inventory.Quantity = 50);
            var client = factory.ApiClient();
            var responses = await Burst.RunAsync(200, i => client.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, order: $"ORD-{round}-{i}")));
            Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
            Assert.Equal(50, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(150, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
            var rejected = await responses.First(r => r.StatusCode == HttpStatusCode.UnprocessableEntity).JsonAsync();
            Assert.Equal("quantity_exhausted", rejected.GetProperty("errors")[0].GetProperty("reason").GetString());
            Assert.Equal((0, 50, 50), await StateAsync(id));
        }
    }

    [Fact]
    public async Task Parallel_redeems_by_one_account_of_a_one_use_code_succeed_once_and_roll_back_the_rest()
    {
        for (var round = 0; round < 3; round++)
        {
            var (w, id, code) = await CodeAsync(c => { c.OneUsePerAccount = true; c.Inventory.Quantity = 100; });
            var client = factory.ApiClient();
            var responses = await Burst.RunAsync(20, i => client.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, order: $"ONE-{round}-{i}", customer: "cust-" + w.Tag)));
            Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            // Losers that got past the check took no usage: their decrement was rolled back with them.
            Assert.Equal((99, 1, 1), await StateAsync(id));
        }
    }

    [Fact]
    public async Task One_idempotency_key_sent_in_parallel_makes_one_redemption_and_one_answer()
    {
        var (w, id, code) = await CodeAsync(c => c.Inventory.Quantity = 10);
        var key = Guid.NewGuid().ToString();
        var client = factory.ApiClient();
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout/redeem") { Content = JsonContent.Create(Body(w, code, order: "IDEM-1")) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
        var responses = await Burst.RunAsync(8, _ => client.SendAsync(Request()));
        // While the first runs, the others are told to come back (409, Retry-After: 1); coming back, they get its answer.
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)r.StatusCode}"));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.Conflict), r => Assert.Equal("1", r.Headers.RetryAfter!.ToString()));
        var answers = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        for (var i = 0; i < responses.Count(r => r.StatusCode == HttpStatusCode.Conflict); i++)
            answers.Add(await client.SendAsync(Request()));
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ids = new HashSet<long>();
        foreach (var r in answers) ids.Add((await r.JsonAsync()).GetProperty("redemptionId").GetInt64());
        Assert.Single(ids);
        Assert.Equal(8, answers.Count);
        Assert.Equal((9, 1, 1), await StateAsync(id));

        var other = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout/redeem") { Content = JsonContent.Create(Body(w, code, order: "IDEM-2")) };
        other.Headers.Add("Idempotency-Key", key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Api.SendAsync(other)).StatusCode);
        Assert.Equal((9, 1, 1), await StateAsync(id));
    }

    [Fact]
    public async Task Voiding_twice_gives_the_usage_back_once()
    {
        var (w, id, code) = await CodeAsync(c => { c.Inventory.Quantity = 3; c.OneUsePerAccount = true; });
        var redeemed = await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, order: "V-1", customer: "cust-v" + w.Tag)).ExpectAsync(HttpStatusCode.OK);
        var redemptionId = redeemed.GetProperty("redemptionId").GetInt64();
        Assert.Equal((2, 1, 1), await StateAsync(id));
        var first = await Api.PostAsync($"/api/v1/checkout/redemptions/{redemptionId}/void", null).ExpectAsync(HttpStatusCode.OK);
        Assert.True(first.GetProperty("voidedNow").GetBoolean());
        var second = await Api.PostAsync($"/api/v1/checkout/redemptions/{redemptionId}/void", null).ExpectAsync(HttpStatusCode.OK);
        Assert.False(second.GetProperty("voidedNow").GetBoolean());
        Assert.Equal((3, 0, 0), await StateAsync(id));
        // The account may use the one-use code again after its order was voided.
        await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, order: "V-2", customer: "cust-v" + w.Tag)).ExpectAsync(HttpStatusCode.OK);
        await Api.PostAsync("/api/v1/checkout/redemptions/999999999/void", null).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_segment_code_is_redeemable_only_by_its_customer()
    {
        var w = await factory.WorldAsync();
        int customerId;
        await using (var scope = factory.Db())
        {
            var customer = new Domain.Customers.Customer { Key = "owner-" + w.Tag, Name = "Owner", Email = "owner@example.com", Phone = "+1-555-0199" };
            scope.Context.Customers.Add(customer);
            await scope.Context.SaveChangesAsync();
            customerId = customer.Id;
        }
        var (_, id, code) = await CodeAsync(c => { c.LocationId = w.HomeId; c.AssignedCustomerId = customerId; });
        var stranger = await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, order: "S-1", customer: "stranger-" + w.Tag)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("not_assigned_to_customer", stranger.GetProperty("errors")[0].GetProperty("reason").GetString());
        var anonymous = await Api.PostAsJsonAsync("/api/v1/checkout/validate", Body(w, code)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("customer_required", anonymous.GetProperty("errors")[0].GetProperty("reason").GetString());
        await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, order: "S-2", customer: "owner-" + w.Tag)).ExpectAsync(HttpStatusCode.OK);
        await using var check = factory.Db();
        var redemption = await check.Context.Redemptions.SingleAsync(r => r.PromoCodeId == id);
        Assert.Equal(("Owner", "owner@example.com", "+1-555-0199"), (redemption.CustomerName, redemption.CustomerEmail, redemption.CustomerPhone));
    }

    [Fact]
    public async Task Bad_body_is_400_with_fields_missing_key_401_and_admin_only_key_403()
    {
        var w = await factory.WorldAsync();
        var bad = await Api.PostAsJsonAsync("/api/v1/checkout/validate", new { code = "", locationKey = w.Home, lines = new[] { new { lineId = "1", quantity = 0 } } })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("code", bad.ErrorFields());
        Assert.Contains("lines[0].quantity", bad.ErrorFields());
        Assert.Contains("lines[0].itemKey", bad.ErrorFields());
        Assert.Contains("lines[0].unitPrice", bad.ErrorFields());
        Assert.DoesNotContain("lines[0].lineId", bad.ErrorFields());
        var badLines = await Api.PostAsJsonAsync("/api/v1/checkout/validate", new
        {
            code = "X", locationKey = w.Home,
            lines = new object?[] { null, new { lineId = "2", itemKey = w.ItemKey, unitPrice = -1, quantity = 1, bookingStartTime = "25:00" } },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["lines[0]", "lines[1].bookingStartTime", "lines[1].unitPrice"], badLines.ErrorFields().Order(StringComparer.Ordinal).ToArray());
        var noOrder = await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, "X" + w.Tag)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("orderNumber", noOrder.ErrorFields());

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(null).PostAsJsonAsync("/api/v1/checkout/validate", Body(w, "X"))).StatusCode);
        CreatedApiClient adminOnly;
        await using (var scope = factory.Db())
            adminOnly = await scope.Services.GetRequiredService<ApiClientService>().CreateAsync("Admin only " + w.Tag, [ApiScopes.Admin]);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ApiClient(adminOnly.Key).PostAsJsonAsync("/api/v1/checkout/validate", Body(w, "X"))).StatusCode);
    }
}
