using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Hardening;

/// <summary>Every failure gets the right answer: problem+json for the API, a page in the layout for people (docs/errors.md).</summary>
public sealed partial class ErrorPipelineTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>problem+json with type, title, status and traceId, and nothing a client should not see.</summary>
    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{what}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: {response.Content.Headers.ContentType}: {body}");
        Assert.Null(response.Headers.Location);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        foreach (var member in new[] { "type", "title", "traceId" })
            Assert.False(string.IsNullOrEmpty(problem.GetProperty(member).GetString()), $"{what}: no {member}: {body}");
        foreach (var leak in new[] { "System.", "PromoAdmin.", "Nullable", "$.", "   at ", "LineNumber" })
            Assert.False(body.Contains(leak, StringComparison.Ordinal), $"{what}: answer shows '{leak}': {body}");
        return problem;
    }

    [GeneratedRegex(@"^(body|Idempotency-Key|[a-z][A-Za-z0-9]*(\[\d+\])?(\.[a-z][A-Za-z0-9]*(\[\d+\])?)*)$")]
    private static partial Regex CamelPath();

    [Fact]
    public async Task Every_api_route_answers_a_wrong_method_with_problem_json_405()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .Where(e => !e.RoutePattern.RawText!.Contains("test-failures", StringComparison.Ordinal))
            .GroupBy(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Select(g => (Path: "/" + Regex.Replace(g.Key, @"\{[^}]+\}", "1"),
                Methods: g.SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).ToHashSet()))
            .ToList();
        Assert.True(routes.Count >= 30, $"only {routes.Count} API routes found: {string.Join(", ", routes.Select(r => r.Path))}");
        var client = factory.ApiClient();
        foreach (var (path, methods) in routes)
        {
            var wrong = new[] { "PATCH", "DELETE", "PUT", "POST", "GET" }.First(m => !methods.Contains(m));
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(wrong), path), Ct);
            await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, $"{wrong} {path}");
        }
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "/api/v1/checkout/validate", "not json" },
        { "/api/v1/checkout/validate", "" },
        { "/api/v1/checkout/validate", "[]" },
        { "/api/v1/checkout/validate", """{"code": 5, "locationKey": "x"}""" },
        { "/api/v1/checkout/validate", """{"code": "A", "locationKey": "x", "lines": [{"lineId": "1", "itemKey": "i", "unitPrice": 1e400, "quantity": 1}]}""" },
        { "/api/v1/checkout/validate", """{"code": "A", "locationKey": "x", "lines": [{"lineId": "1", "itemKey": "i", "unitPrice": 1, "quantity": 1e10}]}""" },
        { "/api/v1/checkout/validate", """{"code": "A", "locationKey": "x", "purchaseAt": "yesterday", "lines": []}""" },
        { "/api/v1/checkout/redeem", """{"lines": "x"}""" },
        { "/api/v1/promo-codes", """{"code": "ABC", "redemptionType": 7}""" },
        { "/api/v1/promo-codes", """{"code": "ABC", "valueType": "sideways"}""" },
        { "/api/v1/promo-codes", """{"code": "ABC", "purchaseStart": "2026-13-45"}""" },
        { "/api/v1/promo-codes", """{"code": "ABC", "eligibilityRules": [{"type": 1}]}""" },
        { "/api/v1/promo-codes", """{"code": "ABC", "enabled": "yes"}""" },
        { "/api/v1/promo-codes/bulk-update", """{"codeIds": ["x"]}""" },
        { "/api/v1/batches", """{"method": 0, "count": 5}""" },
        { "/api/v1/batches/1/inventory", """{"action": 1, "amount": 5}""" },
        { "/api/v1/locations", "{" },
    };

    [Theory, MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_body_answers_400_problem_json_with_camel_case_fields_and_no_type_names(string path, string body)
    {
        var response = await factory.ApiClient().PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, $"{path} {body}");
        var fields = problem.ErrorFields();
        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.Matches(CamelPath(), f));
    }

    [Theory]
    [InlineData("redemptionType", """{"code": "ENUMA", "locationKey": "x", "redemptionType": 7}""")]
    [InlineData("valueType", """{"code": "ENUMB", "locationKey": "x", "valueType": 99}""")]
    [InlineData("eligibilityRules[0].type", """{"code": "ENUMC", "locationKey": "x", "eligibilityRules": [{"type": 0, "minimum": 2}]}""")]
    public async Task An_enum_sent_as_a_number_is_refused_naming_the_field_and_its_values(string field, string body)
    {
        var response = await factory.ApiClient().PostAsync("/api/v1/promo-codes", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, body);
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.Contains("one of:", message);
        await using var scope = factory.Db();
        Assert.DoesNotContain(scope.Context.PromoCodes, c => c.Code.StartsWith("ENUM"));
    }

    [Fact]
    public async Task An_api_request_is_never_redirected_nor_answered_in_html()
    {
        await AssertProblemAsync(await factory.ApiClient(key: null).GetAsync("/api/v1/promo-codes", Ct), HttpStatusCode.Unauthorized, "no key");
        await AssertProblemAsync(await factory.ApiClient(key: null).GetAsync("/api/v1/no-such-thing", Ct), HttpStatusCode.Unauthorized, "no key, unknown path");
        await AssertProblemAsync(await factory.ApiClient().GetAsync("/api/v1/no-such-thing", Ct), HttpStatusCode.NotFound, "unknown path");
        await AssertProblemAsync(await factory.ApiClient().PostAsync("/api/no-such-thing", null, Ct), HttpStatusCode.NotFound, "unknown path, POST");
        await AssertProblemAsync(await factory.ApiClient().GetAsync("/api/v1/batches/999999", Ct), HttpStatusCode.NotFound, "unknown batch");

        // A signed-in browser's cookie is not an API credential: still 401 problem+json, not the sign-in page.
        var session = await WebSession.SignedInAsync(factory);
        var withCookie = await session.Client.GetAsync("/api/v1/promo-codes", Ct);
        await AssertProblemAsync(withCookie, HttpStatusCode.Unauthorized, "cookie only");
    }

    [Fact]
    public async Task An_unexpected_api_error_is_500_problem_json_with_a_trace_id_and_logged_once()
    {
        var before = factory.Log.Events.Count;
        var response = await factory.ApiClient().PostAsync("/api/test-failures/endpoint", null, Ct);
        var problem = await AssertProblemAsync(response, HttpStatusCode.InternalServerError, "failing endpoint");
        Assert.DoesNotContain("on purpose", problem.ToString());
        var errors = factory.Log.ErrorsSince(before);
        Assert.Single(errors, e => e.Contains("An API endpoint failed on purpose", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task An_unexpected_page_error_renders_the_500_page_in_the_layout_whatever_the_method(string method)
    {
        var session = await WebSession.SignedInAsync(factory);
        var response = await session.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/test-failures/page"), Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await WebSession.ParseAsync(response);
        Assert.Contains("Something went wrong", page.QuerySelector("main")!.TextContent);
        Assert.Matches(@"Trace id: \S+", page.QuerySelector("main")!.TextContent);
        Assert.NotNull(page.QuerySelector("#location-switcher")); // the app's layout, with its navigation
    }

    [Fact]
    public async Task Unknown_pages_and_wrong_methods_render_the_404_page_never_a_bare_405()
    {
        var session = await WebSession.SignedInAsync(factory);
        foreach (var (method, path) in new[] { ("GET", "/no-such-page"), ("POST", "/no-such-page"), ("DELETE", "/promo-codes"), ("PUT", "/batches") })
        {
            var response = await session.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Page not found", (await WebSession.ParseAsync(response)).QuerySelector("main")!.TextContent);
        }
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_renders_the_expired_form_page()
    {
        var session = await WebSession.SignedInAsync(factory);
        var response = await session.Client.PostAsync("/locations/save",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Key"] = "stale-form", ["Name"] = "Stale", ["TimeZone"] = "UTC" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form expired, reload and try again", (await WebSession.ParseAsync(response)).QuerySelector("main")!.TextContent);
        await using var scope = factory.Db();
        Assert.DoesNotContain(scope.Context.Locations, l => l.Key == "stale-form");
    }

    [Fact]
    public async Task Bodies_the_api_cannot_read_keep_their_status_as_problem_json()
    {
        Assert.Equal(413, PromoAdmin.Web.Features.Infrastructure.ExceptionAnswer.StatusOf(
            new Microsoft.AspNetCore.Http.BadHttpRequestException("Request body too large.", 413)));
        var problem = await factory.ApiClient().PostAsync("/api/v1/locations",
            new StringContent("<location/>", Encoding.UTF8, new MediaTypeHeaderValue("application/xml")), Ct);
        await AssertProblemAsync(problem, HttpStatusCode.UnsupportedMediaType, "XML body");
    }
}
