using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Redemptions;

/// <summary>
/// Uses per customer and campaign budgets under bursts of parallel redeems through the API, on the shared app (checkout not
/// rate-limited per window): the number of successes is the limit exactly, never more and never fewer, and a void gives
/// back exactly one use.
/// </summary>
public sealed class MoneyLimitConcurrencyTests(SharedApp factory)
{
    private const int BurstSize = 200;
    private const int Rounds = 3;

    private HttpClient Api => factory.ApiClient();

    /// <summary>A cart of 2 x 20.00 of the world's item: 10% off is 4.00, a 7.00 value code gives 7.00.</summary>
    private static object Body(TestWorld w, string code, string order, string? customer = null, DateTimeOffset? purchaseAt = null) => new
    {
        code, locationKey = w.Home, orderNumber = order, purchaseAt,
        customer = customer is null ? null : new { key = customer, isFirstOrder = false },
        lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 2 } },
    };

    private async Task<int> CampaignAsync(TestWorld w, decimal? maxDiscountTotal = null, int? maxRedemptions = null)
    {
        var created = await Api.PostAsJsonAsync("/api/v1/campaigns",
            new { name = "Budget " + w.Tag, budget = new { maxDiscountTotal, maxRedemptions } }).ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }

    private async Task<string[]> CodesAsync(TestWorld w, int count, Action<PromoCode> set)
    {
        var codes = new string[count];
        for (var i = 0; i < count; i++)
        {
            codes[i] = w.Code($"LIM{i}X");
            await factory.AddCodeAsync(w.HomeId, codes[i], set);
        }
        return codes;
    }

    /// <summary>
    /// The successes, the refusals counted by reason, and the redemptions made. Every refusal of a reason has one message,
    /// whether the evaluator refused it or the redeem's transaction did after losing a race.
    /// </summary>
    private static async Task<(int Ok, Dictionary<string, int> Refused, long[] RedemptionIds)> TallyAsync(HttpResponseMessage[] responses)
    {
        Assert.DoesNotContain(responses, r => r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity));
        var refused = new Dictionary<string, int>();
        var ids = new List<long>();
        foreach (var r in responses)
        {
            var body = await r.JsonAsync();
            if (r.StatusCode == HttpStatusCode.OK) ids.Add(body.GetProperty("redemptionId").GetInt64());
            else
            {
                var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
                var reason = error.GetProperty("reason").GetString()!;
                Assert.Equal(Messages[reason], error.GetProperty("message").GetString());
                refused[reason] = refused.GetValueOrDefault(reason) + 1;
            }
        }
        return (ids.Count, refused, ids.ToArray());
    }

    private static readonly Dictionary<string, string> Messages = new()
    {
        ["customer_limit_reached"] = "You've reached the limit of this code: 3 uses per customer.",
        ["budget_exhausted"] = "This promotion has ended: its budget is used up.",
    };

    /// <summary>The campaign's used counters, and what its applied redemptions add up to.</summary>
    private async Task<(int RedemptionsUsed, decimal DiscountUsed, int Applied, decimal Given)> CampaignStateAsync(int campaignId)
    {
        await using var scope = factory.Db();
        var c = await scope.Context.Campaigns.AsNoTracking().FirstAsync(x => x.Id == campaignId);
        var applied = await scope.Context.Redemptions.AsNoTracking()
            .Where(r => r.CampaignId == campaignId && r.Status == RedemptionStatus.Applied).ToListAsync();
        return (c.BudgetRedemptionsUsed, c.BudgetDiscountUsed, applied.Count, applied.Sum(r => r.Given));
    }

    private async Task VoidAsync(IEnumerable<long> redemptionIds)
    {
        foreach (var id in redemptionIds)
        {
            var voided = await Api.PostAsync($"/api/v1/checkout/redemptions/{id}/void", null).ExpectAsync(HttpStatusCode.OK);
            Assert.True(voided.GetProperty("voidedNow").GetBoolean());
        }
    }

    [Fact]
    public async Task Parallel_redeems_by_one_customer_of_a_code_with_three_uses_each_succeed_exactly_three_times()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var w = await factory.WorldAsync();
            var code = (await CodesAsync(w, 1, c => (c.Amount, c.UsesPerCustomer, c.UsesPerCustomerPeriod) = (10, 3, UsagePeriod.Ever)))[0];
            var customer = "cust-" + w.Tag;
            var client = factory.ApiClient();

            var (ok, refused, ids) = await TallyAsync(await Burst.RunAsync(BurstSize, i =>
                client.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, $"UPC-{round}-{i}", customer))));

            Assert.Equal(3, ok);
            Assert.Equal(new Dictionary<string, int> { ["customer_limit_reached"] = BurstSize - 3 }, refused);
            // Another customer is not held back by the first one's uses.
            await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, $"UPC-{round}-other", "other-" + w.Tag)).ExpectAsync(HttpStatusCode.OK);

            // Two voids give two uses back: a further burst succeeds exactly twice.
            await VoidAsync(ids.Take(2));
            var (again, refusedAgain, _) = await TallyAsync(await Burst.RunAsync(50, i =>
                client.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, $"UPC-{round}-again-{i}", customer))));
            Assert.Equal(2, again);
            Assert.Equal(new Dictionary<string, int> { ["customer_limit_reached"] = 48 }, refusedAgain);

            await using var scope = factory.Db();
            Assert.Equal(3, await scope.Context.Redemptions.CountAsync(r => r.CodeText == code && r.CustomerKey == customer && r.Status == RedemptionStatus.Applied));
        }
    }

    [Fact]
    public async Task Parallel_redeems_across_a_campaigns_codes_and_customers_stop_exactly_at_its_fifty_redemptions()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var w = await factory.WorldAsync();
            var campaign = await CampaignAsync(w, maxRedemptions: 50);
            var codes = await CodesAsync(w, 4, c => (c.Amount, c.CampaignId) = (10, campaign));
            var client = factory.ApiClient();

            var (ok, refused, ids) = await TallyAsync(await Burst.RunAsync(BurstSize, i =>
                client.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, codes[i % codes.Length], $"BR-{round}-{i}", $"cust-{w.Tag}-{i % 7}"))));

            Assert.Equal(50, ok);
            Assert.Equal(new Dictionary<string, int> { ["budget_exhausted"] = BurstSize - 50 }, refused);
            Assert.Equal((50, 200m, 50, 200m), await CampaignStateAsync(campaign));

            await VoidAsync(ids.Take(5));
            Assert.Equal((45, 180m, 45, 180m), await CampaignStateAsync(campaign));
            var (again, refusedAgain, _) = await TallyAsync(await Burst.RunAsync(60, i =>
                client.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, codes[i % codes.Length], $"BR-{round}-again-{i}", $"cust-{w.Tag}-{i % 7}"))));
            Assert.Equal(5, again);
            Assert.Equal(new Dictionary<string, int> { ["budget_exhausted"] = 55 }, refusedAgain);
            Assert.Equal((50, 200m, 50, 200m), await CampaignStateAsync(campaign));
        }
    }

    [Fact]
    public async Task Parallel_redeems_of_seven_each_stop_at_the_last_one_a_500_budget_can_pay_in_full()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var w = await factory.WorldAsync();
            var campaign = await CampaignAsync(w, maxDiscountTotal: 500.00m);
            var codes = await CodesAsync(w, 3, c =>
                (c.RedemptionType, c.ValueType, c.Amount, c.CampaignId) = (RedemptionType.Value, ValueScope.PerTransaction, 7m, campaign));
            var client = factory.ApiClient();

            var (ok, refused, ids) = await TallyAsync(await Burst.RunAsync(BurstSize, i =>
                client.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, codes[i % codes.Length], $"BM-{round}-{i}"))));

            Assert.Equal(71, ok); // floor(500 / 7)
            Assert.Equal(new Dictionary<string, int> { ["budget_exhausted"] = BurstSize - 71 }, refused);
            Assert.Equal((71, 71 * 7m, 71, 71 * 7m), await CampaignStateAsync(campaign));

            await VoidAsync(ids.Take(3));
            Assert.Equal((68, 68 * 7m, 68, 68 * 7m), await CampaignStateAsync(campaign));
            var (again, refusedAgain, _) = await TallyAsync(await Burst.RunAsync(40, i =>
                client.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, codes[i % codes.Length], $"BM-{round}-again-{i}"))));
            Assert.Equal(3, again);
            Assert.Equal(new Dictionary<string, int> { ["budget_exhausted"] = 37 }, refusedAgain);
            Assert.Equal((71, 497m, 71, 497m), await CampaignStateAsync(campaign));
        }
    }

    [Fact]
    public async Task The_budget_left_is_what_validate_answers_and_a_code_smaller_than_it_still_fits()
    {
        var w = await factory.WorldAsync();
        var campaign = await CampaignAsync(w, maxDiscountTotal: 10.00m);
        var seven = (await CodesAsync(w, 1, c =>
            (c.RedemptionType, c.ValueType, c.Amount, c.CampaignId) = (RedemptionType.Value, ValueScope.PerTransaction, 7m, campaign)))[0];
        var three = w.Code("THREE");
        await factory.AddCodeAsync(w.HomeId, three, c =>
            (c.RedemptionType, c.ValueType, c.Amount, c.CampaignId) = (RedemptionType.Value, ValueScope.PerTransaction, 3m, campaign));

        await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, seven, "FIT-1")).ExpectAsync(HttpStatusCode.OK);
        // 3.00 left: another 7.00 would pass the budget, a 3.00 code fits it exactly.
        var validated = await Api.PostAsJsonAsync("/api/v1/checkout/validate", Body(w, seven, "FIT-2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("budget_exhausted", validated.GetProperty("errors")[0].GetProperty("reason").GetString());
        var refused = await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, seven, "FIT-2")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("This promotion has ended: its budget is used up.", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, three, "FIT-3")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((2, 10m, 2, 10m), await CampaignStateAsync(campaign));
    }

    [Fact]
    public async Task An_order_dated_ahead_or_back_does_not_reopen_a_customers_daily_use()
    {
        var w = await factory.WorldAsync();
        var code = (await CodesAsync(w, 1, c => (c.Amount, c.UsesPerCustomer, c.UsesPerCustomerPeriod) = (10, 1, UsagePeriod.Day)))[0];
        var customer = "cust-" + w.Tag;
        var now = DateTimeOffset.UtcNow;

        await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, "DAY-1", customer)).ExpectAsync(HttpStatusCode.OK);
        // Within the window a redeem may be dated (the last 24 hours), the use still counts in today's period.
        foreach (var (order, at) in new[] { ("DAY-2", (DateTimeOffset?)null), ("DAY-3", now.AddMinutes(2)), ("DAY-4", now.AddHours(-23)) })
        {
            var refused = await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, order, customer, at)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal("customer_limit_reached", refused.GetProperty("errors")[0].GetProperty("reason").GetString());
        }
        // Outside it, a redeem is refused for its date alone.
        foreach (var (order, at) in new[] { ("DAY-5", now.AddDays(1)), ("DAY-6", now.AddDays(-2)) })
            Assert.Equal(["purchaseAt"], (await Api.PostAsJsonAsync("/api/v1/checkout/redeem", Body(w, code, order, customer, at))
                .ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var validated = await Api.PostAsJsonAsync("/api/v1/checkout/validate", Body(w, code, "DAY-6", customer, now.AddDays(1))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["customer_limit_reached"], validated.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).ToArray());
        Assert.Equal("You've reached the limit of this code: 1 use per customer each day.", validated.GetProperty("errors")[0].GetProperty("message").GetString());
    }
}
