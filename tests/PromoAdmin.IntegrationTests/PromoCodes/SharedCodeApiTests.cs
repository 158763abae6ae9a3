using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.PromoCodes;

/// <summary>Codes available at all locations through the API: they clash with every location's codes and are read-only elsewhere.</summary>
public sealed class SharedCodeApiTests(AllLocationsApp factory)
{
    private HttpClient Api => factory.ApiClient();

    private Task<JsonElement> CreateAsync(object body, HttpStatusCode expect = HttpStatusCode.Created) =>
        Api.PostAsJsonAsync("/api/v1/promo-codes", body).ExpectAsync(expect);

    [Fact]
    public async Task Codes_are_unique_per_location_ignoring_case_spaces_and_hyphens()
    {
        var w = await factory.WorldAsync();
        await CreateAsync(new { code = "SUMMER10" + w.Tag, locationKey = w.Home, amount = 10 });
        var dup = await CreateAsync(new { code = "summer-10" + w.Tag.ToLowerInvariant(), locationKey = w.Home, amount = 10 }, HttpStatusCode.BadRequest);
        Assert.Contains("code", dup.ErrorFields());
        // The same code at another location is a different code.
        await CreateAsync(new { code = "SUMMER10" + w.Tag, locationKey = w.Away, amount = 10 });
        // An all-locations code may clash with no code anywhere.
        var cannotGoGlobal = await CreateAsync(new { code = "SUMMER10" + w.Tag, locationKey = w.Home, amount = 10, allLocations = true }, HttpStatusCode.BadRequest);
        Assert.Contains("code", cannotGoGlobal.ErrorFields());
        await CreateAsync(new { code = "GLOBAL" + w.Tag, locationKey = w.Away, amount = 5, allLocations = true });
        var clash = await CreateAsync(new { code = "GLOBAL" + w.Tag, locationKey = w.Home, amount = 5 }, HttpStatusCode.BadRequest);
        Assert.Contains("already exists", clash.GetProperty("errors").GetProperty("code")[0].GetString());
    }

    [Fact]
    public async Task Another_locations_all_locations_code_is_listed_but_read_only()
    {
        var w = await factory.WorldAsync();
        var shared = await CreateAsync(new { code = w.Code("SHARED"), locationKey = w.Away, amount = 5, allLocations = true });
        var id = shared.GetProperty("id").GetInt32();
        // Filtered by the code: other tests here make all-locations codes, listed at every location.
        var list = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&code={w.Code("SHARED")}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt32() == id && i.GetProperty("locationKey").GetString() == w.Away);

        var update = await Api.PutAsJsonAsync($"/api/v1/promo-codes/{id}?locationKey={w.Home}", new { code = w.Code("SHARED"), amount = 50 }).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("You can view but not edit it", update.GetProperty("detail").GetString());
        await Api.PostAsync($"/api/v1/promo-codes/{id}/archive?locationKey={w.Home}", null).ExpectAsync(HttpStatusCode.Forbidden);
        // From its own location it can be changed.
        await Api.PutAsJsonAsync($"/api/v1/promo-codes/{id}?locationKey={w.Away}", new { code = w.Code("SHARED"), amount = 50, allLocations = true }).ExpectAsync(HttpStatusCode.OK);
    }
}
