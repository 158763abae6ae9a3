using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.PromoCodes;

public sealed class PromoCodeApiTests(SharedApp factory)
{
    private HttpClient Api => factory.ApiClient();

    private Task<JsonElement> CreateAsync(object body, HttpStatusCode expect = HttpStatusCode.Created) =>
        Api.PostAsJsonAsync("/api/v1/promo-codes", body).ExpectAsync(expect);

    [Fact]
    public async Task Create_stores_every_field_and_get_returns_them()
    {
        var w = await factory.WorldAsync();
        int campaignId;
        await using (var scope = factory.Db())
        {
            var campaign = new Domain.Lookups.Campaign { Name = "Camp " + w.Tag };
            scope.Context.Campaigns.Add(campaign);
            scope.Context.Lookups.AddRange(
                new() { Kind = Domain.Lookups.LookupKind.OfferType, Name = "Offer " + w.Tag },
                new() { Kind = Domain.Lookups.LookupKind.PnlAllocation, Name = "PnL " + w.Tag },
                new() { Kind = Domain.Lookups.LookupKind.TransactionType, Name = "Tx " + w.Tag });
            await scope.Context.SaveChangesAsync();
            campaignId = campaign.Id;
        }
        var created = await CreateAsync(new
        {
            code = w.Code("Full"), locationKey = w.Home, description = "Everything", display = "10% off weekends", enabled = true,
            redemptionType = "percentage", valueType = "perQuantity", amount = 12.5, discountLimit = 40, quantity = 25, combinable = true,
            internalOnly = true, allLocations = false, applicableTo = new[] { w.EventKey, w.ItemKey }, applyOnlyToApplicable = false,
            purchaseStart = "2026-01-01", purchaseEnd = "2026-12-31", bookingStart = "2026-02-01", bookingEnd = "2026-11-30",
            bookingTimeStart = "09:00", bookingTimeEnd = "17:30", daysOfWeek = new[] { "sat", "sun" }, exclusionDates = new[] { "2026-07-04" },
            eligibilityRules = new object[]
            {
                new { type = "minimumQuantity", minimum = 6 },
                new { type = "buyXGetY", buyQuantity = 2, getQuantity = 1, getPercentOff = 100, buyItems = new[] { w.EventKey }, getItems = Array.Empty<string>() },
            },
            firstOrderOnly = true, oneUsePerAccount = true, orderMinimum = 50, freeShipping = true, creditFromOverage = false,
            offerType = "Offer " + w.Tag, campaignId, pnlAllocation = "PnL " + w.Tag, transactionType = "Tx " + w.Tag,
        });
        var id = created.GetProperty("id").GetInt32();
        var got = await Api.GetAsync($"/api/v1/promo-codes/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(w.Code("Full"), got.GetProperty("code").GetString());
        Assert.Equal(w.Home, got.GetProperty("locationKey").GetString());
        Assert.Equal("perQuantity", got.GetProperty("valueType").GetString());
        Assert.Equal(12.5m, got.GetProperty("amount").GetDecimal());
        Assert.Equal(40m, got.GetProperty("discountLimit").GetDecimal());
        Assert.Equal(25, got.GetProperty("quantity").GetInt32());
        Assert.Equal("17:30", got.GetProperty("bookingTimeEnd").GetString());
        Assert.Equal(["sat", "sun"], got.GetProperty("daysOfWeek").EnumerateArray().Select(d => d.GetString()).ToArray());
        Assert.Equal("2026-07-04", got.GetProperty("exclusionDates")[0].GetString());
        Assert.Equal("buyXGetY", got.GetProperty("eligibilityRules")[1].GetProperty("type").GetString());
        Assert.Equal(50m, got.GetProperty("orderMinimum").GetDecimal());
        Assert.False(got.GetProperty("applyOnlyToApplicable").GetBoolean());
        Assert.True(got.GetProperty("internalOnly").GetBoolean());
        Assert.Equal(campaignId, got.GetProperty("campaignId").GetInt32());
        Assert.Equal("Tx " + w.Tag, got.GetProperty("transactionType").GetString());
    }

    [Fact]
    public async Task A_buy_x_get_y_rule_without_get_percent_off_is_stored_and_evaluated_as_100_percent_off()
    {
        var w = await factory.WorldAsync();
        var code = w.Code("BOGO");
        var created = await CreateAsync(new
        {
            code, locationKey = w.Home, amount = 0, eligibilityRules = new object[] { new { type = "buyXGetY", buyQuantity = 1, getQuantity = 1 } },
        });
        var got = await Api.GetAsync($"/api/v1/promo-codes/{created.GetProperty("id").GetInt32()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(100m, got.GetProperty("eligibilityRules")[0].GetProperty("getPercentOff").GetDecimal());

        // Two units at 20: one bought, the other free.
        var checkedOut = await Api.PostAsJsonAsync("/api/v1/checkout/validate", new
        {
            code, locationKey = w.Home, lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 2 } },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(checkedOut.GetProperty("valid").GetBoolean());
        Assert.Equal(20m, checkedOut.GetProperty("discount").GetProperty("total").GetDecimal());
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "percent-over-100", "amount" },
        { "negative-amount", "amount" },
        { "negative-quantity", "quantity" },
        { "purchase-end-before-start", "purchaseEnd" },
        { "booking-end-before-start", "bookingEnd" },
        { "booking-time-end-before-start", "bookingTimeEnd" },
        { "discount-limit-on-value-code", "discountLimit" },
        { "unknown-day", "daysOfWeek" },
        { "bad-code-format", "code" },
        { "unknown-location", "locationKey" },
        { "unknown-item", "applicableTo" },
        { "unknown-group", "groupId" },
        { "unknown-campaign", "campaignId" },
        { "booking-rules-without-event", "applicableTo" },
        { "credit-from-overage-on-percentage", "creditFromOverage" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_refused_with_its_field_named_and_nothing_saved(string kind, string field)
    {
        var w = await factory.WorldAsync();
        var code = w.Code("Bad");
        var body = new Dictionary<string, object?> { ["code"] = code, ["locationKey"] = w.Home, ["redemptionType"] = "percentage", ["amount"] = 10 };
        switch (kind)
        {
            case "percent-over-100": body["amount"] = 101; break;
            case "negative-amount": body["redemptionType"] = "value"; body["amount"] = -1; break;
            case "negative-quantity": body["quantity"] = -5; break;
            case "purchase-end-before-start": body["purchaseStart"] = "2026-05-10"; body["purchaseEnd"] = "2026-05-01"; break;
            case "booking-end-before-start": body["applicableTo"] = new[] { w.EventKey }; body["bookingStart"] = "2026-05-10"; body["bookingEnd"] = "2026-05-09"; break;
            case "booking-time-end-before-start": body["bookingTimeStart"] = "18:00"; body["bookingTimeEnd"] = "09:00"; break;
            case "discount-limit-on-value-code": body["redemptionType"] = "value"; body["discountLimit"] = 10; break;
            case "unknown-day": body["daysOfWeek"] = new[] { "sat", "funday" }; break;
            case "bad-code-format": body["code"] = "NO SPACES!"; break;
            case "unknown-location": body["locationKey"] = "nowhere-" + w.Tag; break;
            case "unknown-item": body["applicableTo"] = new[] { "no-such-item" }; break;
            case "unknown-group": body["groupId"] = 999999; break;
            case "unknown-campaign": body["campaignId"] = 999999; break;
            case "booking-rules-without-event": body["applicableTo"] = new[] { w.ItemKey }; body["daysOfWeek"] = new[] { "sat" }; break;
            case "credit-from-overage-on-percentage": body["creditFromOverage"] = true; break;
        }
        var problem = await CreateAsync(body, HttpStatusCode.BadRequest);
        Assert.Contains(problem.ErrorFields(), f => f == field || f.StartsWith(field + "["));
        await using var scope = factory.Db();
        Assert.False(await scope.Context.PromoCodes.AnyAsync(c => c.LocationId == w.HomeId));
    }

    [Fact]
    public async Task A_create_or_an_update_answers_a_bad_amount_and_a_taken_code_in_one_400()
    {
        var w = await factory.WorldAsync();
        await CreateAsync(new { code = w.Code("TAKEN"), locationKey = w.Home, amount = 10 });
        var other = (await CreateAsync(new { code = w.Code("OTHER"), locationKey = w.Home, amount = 10 })).GetProperty("id").GetInt32();

        var create = await CreateAsync(new { code = w.Code("TAKEN"), locationKey = w.Home, amount = 150 }, HttpStatusCode.BadRequest);
        var update = await Api.PutAsJsonAsync($"/api/v1/promo-codes/{other}?locationKey={w.Home}", new { code = w.Code("TAKEN"), amount = 150 })
            .ExpectAsync(HttpStatusCode.BadRequest);
        foreach (var problem in new[] { create, update })
        {
            Assert.Equal(["amount", "code"], problem.ErrorFields().Order());
            Assert.Equal($"Promo code {w.Code("TAKEN")} already exists at this location.", problem.GetProperty("errors").GetProperty("code")[0].GetString());
        }

        await using var scope = factory.Db();
        var codes = await scope.Context.PromoCodes.AsNoTracking().Where(c => c.LocationId == w.HomeId).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([(w.Code("TAKEN"), 10m), (w.Code("OTHER"), 10m)], codes.Select(c => (c.Code, c.Amount)));
    }

    [Fact]
    public async Task Two_parallel_creates_of_one_code_let_exactly_one_win()
    {
        for (var round = 0; round < 5; round++)
        {
            var w = await factory.WorldAsync();
            var client = factory.ApiClient();
            var responses = await Burst.RunAsync(2, _ => client.PostAsJsonAsync("/api/v1/promo-codes", new { code = w.Code("RACE"), locationKey = w.Home, amount = 10 }));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
            await using var scope = factory.Db();
            Assert.Equal(1, await scope.Context.PromoCodes.CountAsync(c => c.LocationId == w.HomeId));
        }
    }

    [Fact]
    public async Task Group_defaults_prefill_a_new_code_and_later_group_edits_leave_it_alone()
    {
        var w = await factory.WorldAsync();
        var group = await Api.PostAsJsonAsync("/api/v1/promo-code-groups", new
        {
            name = "Seasonal " + w.Tag, description = "Seasonal", defaults = new { redemptionType = "value", valueType = "perTransaction", amount = 15, combinable = true },
        }).ExpectAsync(HttpStatusCode.Created);
        Assert.True(group.GetProperty("hasDefaultSettings").GetBoolean());
        var groupId = group.GetProperty("id").GetInt32();

        var code = await CreateAsync(new { code = w.Code("FROMGROUP"), locationKey = w.Home, groupId, applyGroupDefaults = true, description = "Own description" });
        Assert.Equal("value", code.GetProperty("redemptionType").GetString());
        Assert.Equal(15m, code.GetProperty("amount").GetDecimal());
        Assert.True(code.GetProperty("combinable").GetBoolean());
        Assert.Equal("Own description", code.GetProperty("description").GetString());

        await Api.PutAsJsonAsync($"/api/v1/promo-code-groups/{groupId}", new { name = "Seasonal " + w.Tag, defaults = new { amount = 99 } }).ExpectAsync(HttpStatusCode.OK);
        var after = await Api.GetAsync($"/api/v1/promo-codes/{code.GetProperty("id").GetInt32()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(15m, after.GetProperty("amount").GetDecimal());

        var bad = await Api.PostAsJsonAsync("/api/v1/promo-code-groups", new { name = "Bad " + w.Tag, defaults = new { amount = 150 } }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("defaults.amount", bad.ErrorFields());
    }

    [Fact]
    public async Task List_filters_by_code_text_groups_tab_and_batch_with_paging_and_total()
    {
        var w = await factory.WorldAsync();
        var g1 = (await Api.PostAsJsonAsync("/api/v1/promo-code-groups", new { name = "G1 " + w.Tag }).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var g2 = (await Api.PostAsJsonAsync("/api/v1/promo-code-groups", new { name = "G2 " + w.Tag }).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        for (var i = 0; i < 7; i++) await CreateAsync(new { code = $"ALPHA{i}{w.Tag}", locationKey = w.Home, amount = 5, groupId = i % 2 == 0 ? g1 : g2 });
        await CreateAsync(new { code = "BETA" + w.Tag, locationKey = w.Home, amount = 5 });
        var archived = await CreateAsync(new { code = "OLD" + w.Tag, locationKey = w.Home, amount = 5, groupId = g1 });
        await Api.PostAsync($"/api/v1/promo-codes/{archived.GetProperty("id").GetInt32()}/archive", null).ExpectAsync(HttpStatusCode.OK);

        var page1 = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&code=alpha&pageSize=5").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(7, page1.GetProperty("total").GetInt32());
        Assert.Equal(5, page1.GetProperty("items").GetArrayLength());
        var page2 = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&code=alpha&pageSize=5&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, page2.GetProperty("items").GetArrayLength());

        var inG1 = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&groupId={g1}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, inG1.GetProperty("total").GetInt32());
        var inBoth = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&groupId={g1}&groupId={g2}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(7, inBoth.GetProperty("total").GetInt32());
        var archivedTab = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&tab=archived").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["OLD" + w.Tag], archivedTab.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("locationKey").GetString() == w.Home)
            .Select(i => i.GetProperty("code").GetString()).ToArray());
        var byBatch = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&batchId=999999").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, byBatch.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Archive_and_unarchive_move_a_code_between_tabs()
    {
        var w = await factory.WorldAsync();
        var id = (await CreateAsync(new { code = w.Code("ARCH"), locationKey = w.Home, amount = 5 })).GetProperty("id").GetInt32();
        var archived = await Api.PostAsync($"/api/v1/promo-codes/{id}/archive", null).ExpectAsync(HttpStatusCode.OK);
        Assert.True(archived.GetProperty("archived").GetBoolean());
        Assert.Equal(0, (await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&code={w.Code("ARCH")}").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        var back = await Api.PostAsync($"/api/v1/promo-codes/{id}/unarchive", null).ExpectAsync(HttpStatusCode.OK);
        Assert.False(back.GetProperty("archived").GetBoolean());
        Assert.Equal(1, (await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&code={w.Code("ARCH")}").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Duplicate_to_and_copy_make_independent_copies_and_clone_makes_new_unique_codes()
    {
        var w = await factory.WorldAsync();
        var third = (await Api.PostAsJsonAsync("/api/v1/locations", new { key = "third-" + w.Tag, name = "Third", timeZone = "UTC" }).ExpectAsync(HttpStatusCode.Created)).GetProperty("key").GetString();
        var original = await CreateAsync(new { code = w.Code("DUP"), locationKey = w.Home, amount = 10, quantity = 5, duplicateTo = new[] { w.Away } });
        var id = original.GetProperty("id").GetInt32();
        // Filtered by the code: other tests' all-locations codes are listed at every location.
        var awayList = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Away}&code={w.Code("DUP")}").ExpectAsync(HttpStatusCode.OK);
        var copy = Assert.Single(awayList.GetProperty("items").EnumerateArray());
        Assert.Equal(w.Code("DUP"), copy.GetProperty("code").GetString());

        // Editing the original does not propagate to the copy.
        await Api.PutAsJsonAsync($"/api/v1/promo-codes/{id}", new { code = w.Code("DUP"), amount = 30, quantity = 5 }).ExpectAsync(HttpStatusCode.OK);
        var copyAfter = await Api.GetAsync($"/api/v1/promo-codes/{copy.GetProperty("id").GetInt32()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(10m, copyAfter.GetProperty("amount").GetDecimal());

        var copied = await Api.PostAsJsonAsync($"/api/v1/promo-codes/{id}/copy", new { locationKeys = new[] { third } }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(third, copied[0].GetProperty("locationKey").GetString());
        Assert.Equal(30m, copied[0].GetProperty("amount").GetDecimal());
        await Api.PostAsJsonAsync($"/api/v1/promo-codes/{id}/copy", new { locationKeys = new[] { third } }).ExpectAsync(HttpStatusCode.BadRequest);

        var clones = await Api.PostAsJsonAsync($"/api/v1/promo-codes/{id}/clone", new { count = 25 }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(25, clones.GetProperty("count").GetInt32());
        var texts = clones.GetProperty("codes").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();
        Assert.Equal(25, texts.Distinct().Count());
        Assert.All(texts, t => Assert.Matches("^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{10}$", t));
        var clone = await Api.GetAsync($"/api/v1/promo-codes/{clones.GetProperty("codes")[0].GetProperty("id").GetInt32()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(30m, clone.GetProperty("amount").GetDecimal());
        Assert.Equal(5, clone.GetProperty("quantity").GetInt32());
        await Api.PostAsJsonAsync($"/api/v1/promo-codes/{id}/clone", new { count = 0 }).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Redemptions_are_listed_per_code_and_across_codes_with_filters()
    {
        var w = await factory.WorldAsync();
        var id = (await CreateAsync(new { code = w.Code("USED"), locationKey = w.Home, amount = 10 })).GetProperty("id").GetInt32();
        await using (var scope = factory.Db())
        {
            for (var i = 0; i < 3; i++)
                scope.Context.Redemptions.Add(new Redemption
                {
                    PromoCodeId = id, CodeText = w.Code("USED"), LocationId = w.HomeId, OrderNumber = $"ORD-{w.Tag}-{i}", CustomerKey = $"cust-{w.Tag}-{i % 2}",
                    CustomerName = "Ava Smith", CustomerEmail = "ava@example.com", CustomerPhone = "+1-555-0100", Discount = 5m, Status = RedemptionStatus.Applied,
                    RedeemedAt = DateTimeOffset.UtcNow,
                });
            await scope.Context.SaveChangesAsync();
        }
        var forCode = await Api.GetAsync($"/api/v1/promo-codes/{id}/redemptions").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, forCode.GetProperty("total").GetInt32());
        Assert.Equal("ava@example.com", forCode.GetProperty("items")[0].GetProperty("customer").GetProperty("email").GetString());
        var byOrder = await Api.GetAsync($"/api/v1/redemptions?orderNumber=ORD-{w.Tag}-1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, byOrder.GetProperty("total").GetInt32());
        var byCustomer = await Api.GetAsync($"/api/v1/redemptions?customerKey=cust-{w.Tag}-0").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, byCustomer.GetProperty("total").GetInt32());
        var byCode = await Api.GetAsync($"/api/v1/redemptions?code={w.Code("USED").ToLowerInvariant()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, byCode.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await factory.ApiClient(null).GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/promo-codes", paths);
        Assert.Contains("/api/v1/promo-codes/bulk-update", paths);
        Assert.True(doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));
    }
}
