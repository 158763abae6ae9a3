using System.Net;
using System.Net.Http.Headers;
using PromoAdmin.IntegrationTests.Infrastructure;
using PromoAdmin.IntegrationTests.Users;

namespace PromoAdmin.IntegrationTests.Hardening;

/// <summary>
/// wwwroot as MapStaticAssets serves it: the pages link fingerprinted addresses, answered compressed when asked, cached
/// for a year, to anyone (the sign-in page needs its CSS signed out), with the security headers, and never redirected to
/// the forced password change.
/// </summary>
public sealed class StaticAssetTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The address of the sign-in page's element matching <paramref name="selector"/> (a link's href, a script's src).</summary>
    private static async Task<string> LinkedAsync(WebSession session, string selector)
    {
        var page = await session.GetPageAsync("/account/sign-in");
        return page.QuerySelector(selector)!.GetAttribute(selector.StartsWith("link", StringComparison.Ordinal) ? "href" : "src")!;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, params string[] encodings)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var e in encodings) request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(e));
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Signed_out_the_sign_in_page_links_a_fingerprinted_bootstrap_served_compressed_and_cached_for_a_year()
    {
        var session = WebSession.Create(factory);
        var css = await LinkedAsync(session, "link[href*='bootstrap']");
        Assert.Matches(@"^/lib/bootstrap/dist/css/bootstrap\.min\.[a-z0-9]+\.css$", css);

        var response = await GetAsync(session.Client, css, "gzip", "br");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Content.Headers.ContentEncoding.Single(), new[] { "br", "gzip" });
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.True(TimeSpan.FromDays(365) == response.Headers.CacheControl?.MaxAge, response.Headers.ToString() + response.Content.Headers);
        Assert.Contains("immutable", response.Headers.CacheControl.ToString());
        Assert.NotNull(response.Headers.ETag);
        // Far smaller than the file itself (about 230 KB).
        Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length < 60_000);
        // The security headers go on assets too.
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        // Not asked for compression: the file as it is.
        var plain = await GetAsync(session.Client, css);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.True((await plain.Content.ReadAsByteArrayAsync(Ct)).Length > 200_000);
    }

    [Fact]
    public async Task The_layouts_scripts_and_styles_are_fingerprinted_and_served_signed_out()
    {
        var session = WebSession.Create(factory);
        var page = await session.GetPageAsync("/account/sign-in");
        var urls = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!)).ToList();
        Assert.Contains(urls, u => u.StartsWith("/css/site.", StringComparison.Ordinal));
        foreach (var url in urls)
        {
            Assert.Matches(@"\.[a-z0-9]{10}\.(css|js)$", url);
            var response = await GetAsync(session.Client, url, "gzip");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl!.MaxAge);
        }
    }

    [Fact]
    public async Task A_user_who_must_change_their_password_still_gets_the_assets_not_a_redirect()
    {
        var user = await UsersKit.CreateAsync(factory);
        var session = WebSession.Create(factory);
        var signedIn = await session.SignInAsync(user.Email, user.TemporaryPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // Every page sends them to change it...
        Assert.Equal("/account/password", (await session.Client.GetAsync("/promo-codes", Ct)).Headers.Location!.ToString());
        // ...but the change-password page's own styles are served.
        var password = await session.GetPageAsync("/account/password");
        var css = password.QuerySelector("link[href*='bootstrap']")!.GetAttribute("href")!;
        var response = await GetAsync(session.Client, css, "gzip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
    }
}
