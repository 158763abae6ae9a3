using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.IntegrationTests.Infrastructure;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.IntegrationTests.Permissions;

/// <summary>
/// Every route the app has, read from its endpoint list so that a new one is covered the day it is added: each page or
/// form post that changes anything names a permission of the role table, and each API route refuses a key without its scope.
/// </summary>
public sealed partial class EndpointAuthorizationTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts any signed-in user may send: they change only the sender's own session, or only look.</summary>
    private static readonly string[] OpenPosts = ["account/sign-out", "location", "diagnose", "account/password", "account/change-password"];

    private IEnumerable<RouteEndpoint> Endpoints() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => !e.RoutePattern.RawText!.Contains("test-failures", StringComparison.Ordinal));

    [Fact]
    public void Every_form_post_names_a_permission_of_the_role_table()
    {
        var posts = Endpoints()
            .Where(e => !Api(e) && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !OpenPosts.Contains(e.RoutePattern.RawText!.TrimStart('/')))
            .ToList();
        Assert.True(posts.Count >= 15, $"only {posts.Count} form posts found");
        foreach (var post in posts)
        {
            var policies = post.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            Assert.True(policies.Any(p => p.StartsWith("permission:", StringComparison.Ordinal) && p != Policies.View),
                $"POST /{post.RoutePattern.RawText!.TrimStart('/')} names no permission beyond viewing: [{string.Join(", ", policies)}]");
        }
    }

    [Fact]
    public async Task Every_api_route_refuses_a_key_without_its_scope_and_a_request_without_a_key()
    {
        var routes = Endpoints().Where(Api)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Endpoint: e)))
            .ToList();
        Assert.True(routes.Count >= 30, $"only {routes.Count} API routes found");
        string checkoutKey, adminKey;
        await using (var scope = app.Db())
        {
            var clients = scope.Services.GetRequiredService<ApiClientService>();
            checkoutKey = (await clients.CreateAsync("Checkout only " + TestData.NewTag(), [ApiScopes.Checkout], Ct)).Key;
            adminKey = (await clients.CreateAsync("Admin only " + TestData.NewTag(), [ApiScopes.Admin], Ct)).Key;
        }
        var anonymous = app.ApiClient(key: null);
        var checkout = app.ApiClient(checkoutKey);
        var admin = app.ApiClient(adminKey);
        foreach (var (method, endpoint) in routes)
        {
            var path = "/" + Placeholder().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "1");
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.True(policies.Contains(Policies.ApiAdmin) || policies.Contains(Policies.ApiCheckout), $"{method} {path} names no scope");
            var wrongKey = policies.Contains(Policies.ApiAdmin) ? checkout : admin;
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Request(method, path), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await wrongKey.SendAsync(Request(method, path), Ct)).StatusCode);
        }
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method is "POST" or "PUT" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null };

    private static bool Api(RouteEndpoint e) => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal);

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
