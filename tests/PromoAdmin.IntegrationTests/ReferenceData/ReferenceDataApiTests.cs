using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.ReferenceData;

public sealed class ReferenceDataApiTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Tests in this class share one database: every key and name carries this test's own suffix.</summary>
    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonElement> CreatedAsync(string path, object body)
    {
        var response = await factory.ApiClient().PostAsJsonAsync(path, body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.NotNull(response.Headers.Location);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await factory.ApiClient().GetAsync(url, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Asserts a 400 problem+json whose errors name each field; returns the errors object.</summary>
    private static async Task<JsonElement> AssertFieldErrorsAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        foreach (var field in fields) Assert.True(errors.TryGetProperty(field, out _), $"No error for '{field}' in {body}");
        return errors;
    }

    private static string[] Names(JsonElement list, string property = "name") =>
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()!).ToArray();

    [Fact]
    public async Task Catalog_item_is_created_with_201_read_back_and_updated()
    {
        var u = Unique();
        var created = await CreatedAsync("/api/v1/catalog-items", new { key = $"GC-{u}:25", name = $"Gift Card $25 {u}", kind = "giftCard" });
        Assert.Equal($"GC-{u}:25", created.GetProperty("key").GetString());
        Assert.Equal("giftCard", created.GetProperty("kind").GetString());
        var id = created.GetProperty("id").GetInt32();

        var read = await GetAsync($"/api/v1/catalog-items/{id}");
        Assert.Equal($"Gift Card $25 {u}", read.GetProperty("name").GetString());

        var put = await factory.ApiClient().PutAsJsonAsync($"/api/v1/catalog-items/{id}", new { key = $"GC-{u}:25", name = $"Gift Card $30 {u}", kind = "item" }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var updated = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("item", updated.GetProperty("kind").GetString());
        Assert.Equal($"Gift Card $30 {u}", updated.GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await factory.ApiClient().GetAsync("/api/v1/catalog-items/987654", Ct)).StatusCode);
    }

    [Fact]
    public async Task Catalog_items_list_pages_and_filters_by_search_and_kind()
    {
        var u = Unique();
        await CreatedAsync("/api/v1/catalog-items", new { key = $"a-{u}", name = $"Alpha {u}", kind = "event" });
        await CreatedAsync("/api/v1/catalog-items", new { key = $"b-{u}", name = $"Bravo {u}", kind = "event" });
        await CreatedAsync("/api/v1/catalog-items", new { key = $"c-{u}", name = $"Charlie {u}", kind = "giftCard" });

        var second = await GetAsync($"/api/v1/catalog-items?search={u}&page=2&pageSize=2");
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(2, second.GetProperty("pageSize").GetInt32());
        Assert.Equal(new[] { $"Charlie {u}" }, Names(second));

        var events = await GetAsync($"/api/v1/catalog-items?search={u.ToUpperInvariant()}&kind=event");
        Assert.Equal(new[] { $"Alpha {u}", $"Bravo {u}" }, Names(events));

        var byKey = await GetAsync($"/api/v1/catalog-items?search=c-{u}");
        Assert.Equal(new[] { $"Charlie {u}" }, Names(byKey));

        var clamped = await GetAsync("/api/v1/catalog-items?pageSize=100000");
        Assert.Equal(500, clamped.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task Bad_catalog_item_answers_400_naming_each_field_and_saves_nothing()
    {
        var u = Unique();
        var response = await factory.ApiClient().PostAsJsonAsync("/api/v1/catalog-items", new { key = $"-bad key {u}", name = "", kind = (string?)null }, Ct);
        await AssertFieldErrorsAsync(response, "key", "name", "kind");

        var badKind = await factory.ApiClient().PostAsJsonAsync("/api/v1/catalog-items", new { key = $"k-{u}", name = "Bad kind", kind = "voucher" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("kind", await badKind.Content.ReadAsStringAsync(Ct));

        await using var scope = factory.Db();
        Assert.False(await scope.Context.CatalogItems.AnyAsync(c => c.Key.Contains(u), Ct));
    }

    [Fact]
    public async Task Duplicate_catalog_item_key_answers_400_on_key()
    {
        var u = Unique();
        await CreatedAsync("/api/v1/catalog-items", new { key = $"dup-{u}", name = "First", kind = "item" });
        var again = await factory.ApiClient().PostAsJsonAsync("/api/v1/catalog-items", new { key = $"dup-{u}", name = "Second", kind = "item" }, Ct);
        var errors = await AssertFieldErrorsAsync(again, "key");
        Assert.Contains($"dup-{u}", errors.GetProperty("key")[0].GetString());
        await using var scope = factory.Db();
        Assert.Equal(1, await scope.Context.CatalogItems.CountAsync(c => c.Key == $"dup-{u}", Ct));
    }

    [Fact]
    public async Task Variant_targeting_group_takes_existing_item_keys_and_rejects_unknown_ones()
    {
        var u = Unique();
        await CreatedAsync("/api/v1/catalog-items", new { key = $"vault-{u}", name = "The Vault", kind = "event" });
        await CreatedAsync("/api/v1/catalog-items", new { key = $"temple-{u}", name = "Lost Temple", kind = "event" });

        var created = await CreatedAsync("/api/v1/variant-targeting-groups", new { name = $"Escape rooms {u}", itemKeys = new[] { $"vault-{u}", $"temple-{u}", $"vault-{u}" } });
        Assert.Equal(new[] { $"vault-{u}", $"temple-{u}" }, created.GetProperty("itemKeys").EnumerateArray().Select(k => k.GetString()).ToArray());
        var id = created.GetProperty("id").GetInt32();

        var list = await GetAsync($"/api/v1/variant-targeting-groups?search=escape rooms {u}");
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        var unknown = await factory.ApiClient().PostAsJsonAsync("/api/v1/variant-targeting-groups", new { name = $"Ghosts {u}", itemKeys = new[] { $"vault-{u}", $"ghost-{u}" } }, Ct);
        var errors = await AssertFieldErrorsAsync(unknown, "itemKeys");
        Assert.Contains($"ghost-{u}", errors.GetProperty("itemKeys")[0].GetString());

        var duplicate = await factory.ApiClient().PostAsJsonAsync("/api/v1/variant-targeting-groups", new { name = $"Escape rooms {u}", itemKeys = new[] { $"vault-{u}" } }, Ct);
        await AssertFieldErrorsAsync(duplicate, "name");

        var empty = await factory.ApiClient().PostAsJsonAsync("/api/v1/variant-targeting-groups", new { name = $"Empty {u}", itemKeys = Array.Empty<string>() }, Ct);
        await AssertFieldErrorsAsync(empty, "itemKeys");

        var put = await factory.ApiClient().PutAsJsonAsync($"/api/v1/variant-targeting-groups/{id}", new { name = $"Escape rooms {u}", itemKeys = new[] { $"temple-{u}" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await GetAsync($"/api/v1/variant-targeting-groups/{id}");
        Assert.Equal(new[] { $"temple-{u}" }, read.GetProperty("itemKeys").EnumerateArray().Select(k => k.GetString()).ToArray());

        await using var scope = factory.Db();
        Assert.False(await scope.Context.VariantTargetingGroups.AnyAsync(g => g.Name == $"Ghosts {u}" || g.Name == $"Empty {u}", Ct));
    }

    [Fact]
    public async Task Customer_is_created_and_found_by_name_email_or_key()
    {
        var u = Unique();
        var created = await CreatedAsync("/api/v1/customers", new { key = $"acct_{u}", name = $"Ava Garcia {u}", email = $"ava.{u}@example.com", phone = "+1-555-100-1000" });
        Assert.Equal($"ava.{u}@example.com", created.GetProperty("email").GetString());
        await CreatedAsync("/api/v1/customers", new { key = $"acct2_{u}", name = $"Liam Smith {u}", email = (string?)null, phone = (string?)null });

        Assert.Equal(new[] { $"Ava Garcia {u}" }, Names(await GetAsync($"/api/v1/customers?search=AVA.{u}@EXAMPLE")));
        Assert.Equal(new[] { $"Liam Smith {u}" }, Names(await GetAsync($"/api/v1/customers?search=acct2_{u}")));
        var both = await GetAsync($"/api/v1/customers?search={u}&pageSize=1");
        Assert.Equal(2, both.GetProperty("total").GetInt32());
        Assert.Single(both.GetProperty("items").EnumerateArray());

        var id = created.GetProperty("id").GetInt32();
        var put = await factory.ApiClient().PutAsJsonAsync($"/api/v1/customers/{id}", new { key = $"acct_{u}", name = $"Ava G. {u}", email = "", phone = "" }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await GetAsync($"/api/v1/customers/{id}");
        Assert.Equal(JsonValueKind.Null, read.GetProperty("email").ValueKind);
        Assert.Equal($"Ava G. {u}", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Bad_or_duplicate_customer_answers_400_and_saves_nothing()
    {
        var u = Unique();
        var bad = await factory.ApiClient().PostAsJsonAsync("/api/v1/customers", new { key = $"bad key {u}", name = "", email = "not-an-email", phone = "" }, Ct);
        await AssertFieldErrorsAsync(bad, "key", "name", "email");

        await CreatedAsync("/api/v1/customers", new { key = $"dup-{u}", name = "First" });
        var duplicate = await factory.ApiClient().PostAsJsonAsync("/api/v1/customers", new { key = $"dup-{u}", name = "Second" }, Ct);
        await AssertFieldErrorsAsync(duplicate, "key");

        await using var scope = factory.Db();
        Assert.False(await scope.Context.Customers.AnyAsync(c => c.Key == $"bad key {u}" || (c.Name == "Second" && c.Key.Contains(u)), Ct));
    }

    [Fact]
    public async Task Segment_takes_customer_keys_counts_its_members_and_pages_them()
    {
        var u = Unique();
        foreach (var i in Enumerable.Range(1, 3))
            await CreatedAsync("/api/v1/customers", new { key = $"m{i}-{u}", name = $"Member {i} {u}" });

        var created = await CreatedAsync("/api/v1/segments", new { name = $"VIP {u}", customerKeys = new[] { $"m1-{u}", $"m2-{u}", $"m3-{u}", $"m1-{u}" } });
        Assert.Equal(3, created.GetProperty("memberCount").GetInt32());
        Assert.Equal(new[] { $"m1-{u}", $"m2-{u}", $"m3-{u}" }, created.GetProperty("customerKeys").EnumerateArray().Select(k => k.GetString()).ToArray());
        var id = created.GetProperty("id").GetInt32();

        var list = await GetAsync($"/api/v1/segments?search=vip {u}");
        var summary = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(3, summary.GetProperty("memberCount").GetInt32());

        var members = await GetAsync($"/api/v1/segments/{id}/members?page=2&pageSize=2");
        Assert.Equal(3, members.GetProperty("total").GetInt32());
        Assert.Equal(new[] { $"Member 3 {u}" }, Names(members));

        var put = await factory.ApiClient().PutAsJsonAsync($"/api/v1/segments/{id}", new { name = $"VIP {u}", customerKeys = new[] { $"m2-{u}" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await GetAsync($"/api/v1/segments/{id}");
        Assert.Equal(new[] { $"m2-{u}" }, read.GetProperty("customerKeys").EnumerateArray().Select(k => k.GetString()).ToArray());
        Assert.Equal(1, read.GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task Segment_with_unknown_customer_keys_answers_400_naming_them_and_saves_nothing()
    {
        var u = Unique();
        await CreatedAsync("/api/v1/customers", new { key = $"known-{u}", name = "Known" });
        var response = await factory.ApiClient().PostAsJsonAsync("/api/v1/segments", new { name = $"Lapsed {u}", customerKeys = new[] { $"known-{u}", $"ghost1-{u}", $"ghost2-{u}" } }, Ct);
        var errors = await AssertFieldErrorsAsync(response, "customerKeys");
        var message = errors.GetProperty("customerKeys")[0].GetString()!;
        Assert.Contains($"ghost1-{u}", message);
        Assert.Contains($"ghost2-{u}", message);
        Assert.DoesNotContain($"known-{u}", message);

        await CreatedAsync("/api/v1/segments", new { name = $"Taken {u}", customerKeys = Array.Empty<string>() });
        var duplicate = await factory.ApiClient().PostAsJsonAsync("/api/v1/segments", new { name = $"Taken {u}", customerKeys = new[] { $"known-{u}" } }, Ct);
        await AssertFieldErrorsAsync(duplicate, "name");

        await using var scope = factory.Db();
        Assert.False(await scope.Context.Segments.AnyAsync(s => s.Name == $"Lapsed {u}", Ct));
        Assert.False(await scope.Context.Segments.AnyAsync(s => s.Name == $"Taken {u}" && s.Members.Any(), Ct));
    }

    [Fact]
    public async Task Campaign_is_created_listed_updated_and_must_have_a_unique_name()
    {
        var u = Unique();
        var created = await CreatedAsync("/api/v1/campaigns", new { name = $"Summer {u}" });
        var id = created.GetProperty("id").GetInt32();
        await CreatedAsync("/api/v1/campaigns", new { name = $"Winter {u}" });

        var page = await GetAsync($"/api/v1/campaigns?search={u}&pageSize=1");
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(new[] { $"Summer {u}" }, Names(page));

        await AssertFieldErrorsAsync(await factory.ApiClient().PostAsJsonAsync("/api/v1/campaigns", new { name = "  " }, Ct), "name");
        await AssertFieldErrorsAsync(await factory.ApiClient().PostAsJsonAsync("/api/v1/campaigns", new { name = $"Winter {u}" }, Ct), "name");
        await AssertFieldErrorsAsync(await factory.ApiClient().PutAsJsonAsync($"/api/v1/campaigns/{id}", new { name = $"Winter {u}" }, Ct), "name");

        var put = await factory.ApiClient().PutAsJsonAsync($"/api/v1/campaigns/{id}", new { name = $"Summer 2027 {u}" }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal($"Summer 2027 {u}", (await GetAsync($"/api/v1/campaigns/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Campaign_budget_is_taken_returned_with_what_is_used_and_replaced_by_an_update()
    {
        var u = Unique();
        var created = await CreatedAsync("/api/v1/campaigns", new { name = $"Budgeted {u}", budget = new { maxDiscountTotal = 10000m, maxRedemptions = 5000 } });
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal((10000m, 5000), (created.GetProperty("budget").GetProperty("maxDiscountTotal").GetDecimal(), created.GetProperty("budget").GetProperty("maxRedemptions").GetInt32()));
        Assert.Equal((0m, 0), (created.GetProperty("used").GetProperty("discountTotal").GetDecimal(), created.GetProperty("used").GetProperty("redemptions").GetInt32()));

        // Half a budget: a missing part is no limit.
        var put = await factory.ApiClient().PutAsJsonAsync($"/api/v1/campaigns/{id}", new { name = $"Budgeted {u}", budget = new { maxRedemptions = 100 } }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await GetAsync($"/api/v1/campaigns/{id}");
        Assert.Equal(JsonValueKind.Null, read.GetProperty("budget").GetProperty("maxDiscountTotal").ValueKind);
        Assert.Equal(100, read.GetProperty("budget").GetProperty("maxRedemptions").GetInt32());

        // No budget: null, and an update without one removes it.
        var plain = await CreatedAsync("/api/v1/campaigns", new { name = $"Plain {u}" });
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("budget").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient().PutAsJsonAsync($"/api/v1/campaigns/{id}", new { name = $"Budgeted {u}", budget = (object?)null }, Ct)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await GetAsync($"/api/v1/campaigns/{id}")).GetProperty("budget").ValueKind);

        // A budget at or below zero is refused on its field, and nothing is saved.
        var negative = await factory.ApiClient().PostAsJsonAsync("/api/v1/campaigns", new { name = $"Negative {u}", budget = new { maxDiscountTotal = -5m, maxRedemptions = 0 } }, Ct);
        await AssertFieldErrorsAsync(negative, "budget.maxDiscountTotal", "budget.maxRedemptions");
        await AssertFieldErrorsAsync(await factory.ApiClient().PutAsJsonAsync($"/api/v1/campaigns/{id}", new { name = $"Budgeted {u}", budget = new { maxDiscountTotal = -1m } }, Ct),
            "budget.maxDiscountTotal");
        await using var scope = factory.Db();
        Assert.False(await scope.Context.Campaigns.AnyAsync(c => c.Name == $"Negative {u}", Ct));
        var stored = await scope.Context.Campaigns.SingleAsync(c => c.Id == id, Ct);
        Assert.Equal(((decimal?)null, (int?)null), (stored.BudgetMaxDiscount, stored.BudgetMaxRedemptions));
    }

    [Fact]
    public async Task Variant_targeting_group_key_is_given_or_made_from_the_name_and_cannot_change()
    {
        var u = Unique();
        await CreatedAsync("/api/v1/catalog-items", new { key = $"bowling-{u}", name = "Bowling", kind = "event" });
        var given = await CreatedAsync("/api/v1/variant-targeting-groups", new { key = $"lanes-{u}", name = $"Lanes {u}", itemKeys = new[] { $"bowling-{u}" } });
        Assert.Equal($"lanes-{u}", given.GetProperty("key").GetString());
        var made = await CreatedAsync("/api/v1/variant-targeting-groups", new { name = $"Bowling Nights {u}", itemKeys = new[] { $"bowling-{u}" } });
        Assert.Equal($"bowling-nights-{u}", made.GetProperty("key").GetString());
        var id = given.GetProperty("id").GetInt32();
        Assert.Equal($"lanes-{u}", (await GetAsync($"/api/v1/variant-targeting-groups/{id}")).GetProperty("key").GetString());
        Assert.Contains($"lanes-{u}", Names(await GetAsync($"/api/v1/variant-targeting-groups?search=lanes-{u}"), "key"));

        await AssertFieldErrorsAsync(await factory.ApiClient().PostAsJsonAsync("/api/v1/variant-targeting-groups",
            new { key = $"lanes-{u}", name = $"Other {u}", itemKeys = new[] { $"bowling-{u}" } }, Ct), "key");
        await AssertFieldErrorsAsync(await factory.ApiClient().PostAsJsonAsync("/api/v1/variant-targeting-groups",
            new { key = "all-events", name = $"Built in {u}", itemKeys = new[] { $"bowling-{u}" } }, Ct), "key");
        await AssertFieldErrorsAsync(await factory.ApiClient().PutAsJsonAsync($"/api/v1/variant-targeting-groups/{id}",
            new { key = $"renamed-{u}", name = $"Lanes {u}", itemKeys = new[] { $"bowling-{u}" } }, Ct), "key");
        // The same key (or none) on an update is fine: the key stays.
        var same = await factory.ApiClient().PutAsJsonAsync($"/api/v1/variant-targeting-groups/{id}", new { key = $"lanes-{u}", name = $"Lanes 2 {u}", itemKeys = new[] { $"bowling-{u}" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal($"lanes-{u}", (await same.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString());
    }

    [Fact]
    public async Task Lookups_are_unique_per_kind_and_listed_by_kind()
    {
        var u = Unique();
        var offer = await CreatedAsync("/api/v1/lookups", new { kind = "offerType", name = $"Makegood {u}" });
        Assert.Equal("offerType", offer.GetProperty("kind").GetString());
        var pnl = await CreatedAsync("/api/v1/lookups", new { kind = "pnlAllocation", name = $"Makegood {u}" });
        Assert.Equal("pnlAllocation", pnl.GetProperty("kind").GetString());
        await CreatedAsync("/api/v1/lookups", new { kind = "transactionType", name = $"Comp {u}" });

        var offers = await GetAsync($"/api/v1/lookups?kind=offerType&search={u}");
        Assert.Equal(new[] { $"Makegood {u}" }, Names(offers));
        Assert.Equal("offerType", Assert.Single(offers.GetProperty("items").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal(3, (await GetAsync($"/api/v1/lookups?search={u}")).GetProperty("total").GetInt32());

        var duplicate = await factory.ApiClient().PostAsJsonAsync("/api/v1/lookups", new { kind = "offerType", name = $"Makegood {u}" }, Ct);
        var errors = await AssertFieldErrorsAsync(duplicate, "name");
        Assert.Contains("offer type", errors.GetProperty("name")[0].GetString());

        await AssertFieldErrorsAsync(await factory.ApiClient().PostAsJsonAsync("/api/v1/lookups", new { name = $"No kind {u}" }, Ct), "kind");
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.ApiClient().GetAsync("/api/v1/lookups?kind=colour", Ct)).StatusCode);

        var id = pnl.GetProperty("id").GetInt32();
        var put = await factory.ApiClient().PutAsJsonAsync($"/api/v1/lookups/{id}", new { kind = "pnlAllocation", name = $"Marketing {u}" }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        await using var scope = factory.Db();
        Assert.False(await scope.Context.Lookups.AnyAsync(l => l.Name == $"No kind {u}", Ct));
    }

    [Fact]
    public async Task Reference_data_endpoints_need_an_admin_key()
    {
        foreach (var path in new[] { "/api/v1/catalog-items", "/api/v1/variant-targeting-groups", "/api/v1/customers", "/api/v1/segments", "/api/v1/campaigns", "/api/v1/lookups" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(key: null).GetAsync(path, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(key: null).PostAsJsonAsync(path, new { name = "x" }, Ct)).StatusCode);
        }
    }
}
