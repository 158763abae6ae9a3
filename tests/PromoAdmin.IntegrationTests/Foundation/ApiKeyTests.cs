using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Foundation;

public sealed class ApiKeyTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bootstrap_key_lists_locations_and_no_key_gets_401_problem()
    {
        var ok = await factory.ApiClient().GetAsync("/api/v1/locations", Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(body.TryGetProperty("items", out _));
        Assert.Equal(1, body.GetProperty("page").GetInt32());

        var anonymous = await factory.ApiClient(key: null).GetAsync("/api/v1/locations", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType!.MediaType);

        var unknown = await factory.ApiClient("pa_not_a_real_key").GetAsync("/api/v1/locations", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Post_location_creates_it_with_201_and_a_location_header()
    {
        var key = "uptown-" + TestData.NewTag();
        var response = await factory.ApiClient().PostAsJsonAsync("/api/v1/locations", new { key, name = "Uptown", timeZone = "America/Denver" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(key, created.GetProperty("key").GetString());
        Assert.True(created.GetProperty("id").GetInt32() > 0);
        Assert.NotNull(response.Headers.Location);

        var again = await factory.ApiClient().GetAsync(response.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Bad_location_input_answers_400_with_each_field_named_and_saves_nothing()
    {
        var response = await factory.ApiClient().PostAsJsonAsync("/api/v1/locations", new { key = "Not A Slug", name = "", timeZone = "Mars/Olympus" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("key", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("timeZone", out _));
        await using var scope = factory.Db();
        Assert.False(scope.Context.Locations.Any(l => l.Key == "Not A Slug"));
    }

    [Fact]
    public async Task Malformed_json_answers_400()
    {
        var response = await factory.ApiClient().PostAsync("/api/v1/locations",
            new StringContent("{ \"key\": ", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_checkout_only_key_created_in_the_admin_ui_gets_403_on_admin_endpoints()
    {
        var name = "Web checkout " + TestData.NewTag();
        var session = await WebSession.SignedInAsync(factory);
        var page = await session.GetPageAsync("/api-clients");
        var created = await session.SubmitAsync(page, "form[action='/api-clients']", new()
        {
            ["Name"] = [name], ["Scopes"] = [ApiScopes.Checkout],
        });
        var key = (await session.FollowAsync(created)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=new-api-key]")!.Value;
        Assert.StartsWith("pa_", key);

        var forbidden = await factory.ApiClient(key).GetAsync("/api/v1/locations", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var post = await factory.ApiClient(key).PostAsJsonAsync("/api/v1/locations", new { key = "nope", name = "Nope", timeZone = "UTC" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        await using var scope = factory.Db();
        var stored = scope.Context.ApiClients.Single(c => c.Name == name);
        Assert.NotEqual(key, stored.KeyHash);
        Assert.Equal(ApiClientService.Hash(key), stored.KeyHash);
    }

    [Fact]
    public async Task A_revoked_key_gets_401()
    {
        CreatedApiClient created;
        await using (var scope = factory.Db())
            created = await scope.Services.GetRequiredService<ApiClientService>().CreateAsync("Short-lived " + TestData.NewTag(), [ApiScopes.Admin], Ct);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(created.Key).GetAsync("/api/v1/locations", Ct)).StatusCode);

        var session = await WebSession.SignedInAsync(factory);
        var page = await session.GetPageAsync("/api-clients");
        var revoke = await session.SubmitAsync(page, $"form[action='/api-clients/{created.Client.Id}/revoke']");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(created.Key).GetAsync("/api/v1/locations", Ct)).StatusCode);
    }

    [Fact]
    public async Task Cookie_signed_in_admin_cannot_call_the_api_without_a_key()
    {
        var session = await WebSession.SignedInAsync(factory);
        var response = await session.Client.GetAsync("/api/v1/locations", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
