using System.Net;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Foundation;

public sealed class SignInTests(SharedApp factory)
{
    [Fact]
    public async Task Anonymous_home_redirects_to_sign_in()
    {
        var response = await WebSession.Create(factory).Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Anonymous_reference_page_redirects_to_sign_in()
    {
        var response = await WebSession.Create(factory).Client.GetAsync("/locations");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Admin_signs_in_through_the_form_and_sees_the_shell_with_the_location_switcher()
    {
        await using (var scope = factory.Db())
        {
            scope.Context.Locations.Add(new() { Key = "shell-town-" + TestData.NewTag(), Name = "Shell Town", TimeZone = "Europe/Paris" });
            await scope.Context.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var session = await WebSession.SignedInAsync(factory);
        var home = await session.GetPageAsync("/");
        var switcher = home.QuerySelector("#location-switcher select[name=key]");
        Assert.NotNull(switcher);
        Assert.Contains(home.QuerySelectorAll("#location-switcher option"), o => o.TextContent == "Shell Town");
        Assert.Contains(home.QuerySelectorAll("nav[aria-label=Main] a"), a => a.TextContent == "Diagnose");
        Assert.Equal(PromoAdminFactory.AdminEmail, home.QuerySelector("#user-menu")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        var session = WebSession.Create(factory);
        await session.GetPageAsync("/account/sign-in");
        var response = await session.Client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = PromoAdminFactory.AdminEmail, ["Password"] = PromoAdminFactory.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("promoadmin.auth")));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var email = $"lockme-{TestData.NewTag()}@test.promoadmin";
        await factory.UserAsync(email, "Right-pass-2026");
        var session = WebSession.Create(factory);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await session.SignInAsync(email, "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await session.SignInAsync(email, "Right-pass-2026");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var page = await WebSession.ParseAsync(right);
        Assert.Contains("locked", page.QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_and_no_cookie()
    {
        // An account of its own: a failed sign-in leaves a failure count that the next successful sign-in resets, and
        // Identity refuses one of two parallel successful sign-ins that both reset it (the shared admin's, here).
        var email = $"wrong-{TestData.NewTag()}@test.promoadmin";
        await factory.UserAsync(email, "Right-pass-2026");
        var session = WebSession.Create(factory);
        var response = await session.SignInAsync(email, "not-the-password");
        var page = await WebSession.ParseAsync(response);
        Assert.Contains("incorrect", page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Health_answers_200_without_sign_in()
    {
        var response = await WebSession.Create(factory).Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
