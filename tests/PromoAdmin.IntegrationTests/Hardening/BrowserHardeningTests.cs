using System.Net;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Hardening;

/// <summary>What a browser is told and what a stolen cookie can do (docs/errors.md).</summary>
public sealed class BrowserHardeningTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AssertHardened(HttpResponseMessage response, string what)
    {
        string Header(string name) =>
            response.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
            : response.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : "";
        var csp = Header("Content-Security-Policy");
        Assert.True(csp.Contains("script-src 'self'") && csp.Contains("style-src 'self'") && csp.Contains("frame-ancestors 'none'"), $"{what}: CSP '{csp}'");
        Assert.False(csp.Contains("unsafe-inline"), what);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("same-origin", Header("Referrer-Policy"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
    }

    [Fact]
    public async Task Every_response_carries_the_hardening_headers_the_first_and_the_later_ones()
    {
        var anonymous = WebSession.Create(factory);
        AssertHardened(await anonymous.Client.GetAsync("/account/sign-in", Ct), "sign-in page");
        AssertHardened(await anonymous.Client.GetAsync("/css/site.css", Ct), "static file");
        AssertHardened(await anonymous.Client.GetAsync("/health/ready", Ct), "health");
        var w = await factory.WorldAsync();
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        foreach (var path in new[] { "/", "/promo-codes", "/promo-codes/create", "/promo-codes", "/batches", "/no-such-page" })
            AssertHardened(await session.Client.GetAsync(path, Ct), path);
        AssertHardened(await factory.ApiClient().GetAsync("/api/v1/locations", Ct), "API");
        AssertHardened(await factory.ApiClient(key: null).GetAsync("/api/v1/locations", Ct), "API 401");
        AssertHardened(await session.Client.PostAsync("/test-failures/page", null, Ct), "500 page");
    }

    [Fact]
    public async Task No_page_has_an_inline_script_or_style_the_policy_would_refuse()
    {
        var w = await factory.WorldAsync();
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        foreach (var path in new[] { "/", "/promo-codes", "/promo-codes/create", "/batches", "/batches/generate", "/promo-code-groups", "/catalog", "/customers", "/campaigns", "/locations", "/api-clients", "/diagnose" })
        {
            var page = await session.GetPageAsync(path);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrWhiteSpace(s.GetAttribute("src")), $"{path}: inline script"));
            Assert.Empty(page.QuerySelectorAll("[style]").Select(e => $"{path}: {e.OuterHtml[..Math.Min(80, e.OuterHtml.Length)]}"));
            Assert.Empty(page.QuerySelectorAll("style"));
        }
    }

    [Fact]
    public async Task A_copied_session_cookie_stops_working_when_its_session_signs_out()
    {
        var session = await WebSession.SignedInAsync(factory);
        var cookie = session.Cookies.GetCookies(new Uri("http://localhost")).Single(c => c.Name == "promoadmin.auth");
        var thief = WebSession.Create(factory);
        thief.Cookies.Add(new Uri("http://localhost"), new Cookie(cookie.Name, cookie.Value));
        Assert.Equal(HttpStatusCode.OK, (await thief.Client.GetAsync("/promo-codes", Ct)).StatusCode);

        var home = await session.GetPageAsync("/");
        var signedOut = await session.SubmitAsync(home, "form[action='/account/sign-out']");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var after = await thief.Client.GetAsync("/promo-codes", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/sign-in", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Sign_in_answers_an_unknown_email_like_a_wrong_password_and_checks_a_password_hash_of_the_same_cost()
    {
        // The answer's time is that of the password check: an unknown email's password is checked against a decoy hash,
        // so that both answers take one check of the same algorithm and iteration count, and the time does not tell which
        // emails have an account. The hashes checked are counted, not timed.
        var email = $"timing-{Guid.NewGuid():N}@test";
        await factory.UserAsync(email, "Timing-pass-2026");
        var known = new List<string>();
        var unknown = new List<string>();
        string? knownMessage = null, unknownMessage = null;
        for (var round = 0; round < 3; round++)
        {
            // Below the lockout: a locked account answers otherwise (it says so).
            await using (var scope = factory.Db())
                await scope.Context.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), Ct);
            knownMessage = await WrongPasswordSignInAsync(email, known);
            unknownMessage = await WrongPasswordSignInAsync($"nobody-{round}-{Guid.NewGuid():N}@test", unknown);
        }
        Assert.Equal(knownMessage, unknownMessage);
        Assert.Equal("Email or password is incorrect.", knownMessage);
        var cost = PasswordChecks.CostOf(known[0]);
        Assert.True(cost.Iterations > 0, $"{cost}");
        Assert.All(known.Concat(unknown), hash => Assert.Equal(cost, PasswordChecks.CostOf(hash)));
    }

    /// <summary>Signs in with a wrong password; returns the page's message and adds the one password hash the app checked.</summary>
    private async Task<string> WrongPasswordSignInAsync(string email, List<string> checkedHashes)
    {
        var session = WebSession.Create(factory);
        var form = await session.GetPageAsync("/account/sign-in");
        var before = factory.Passwords.Checked.Count;
        var response = await session.SubmitAsync(form, "form", new() { ["Email"] = [email], ["Password"] = ["Wrong-pass-2026"] });
        checkedHashes.Add(Assert.Single(factory.Passwords.Checked.Skip(before)));
        return (await WebSession.ParseAsync(response)).QuerySelector(".validation-summary-errors, [data-valmsg-summary], .alert-danger")?.TextContent.Trim() ?? "";
    }
}
