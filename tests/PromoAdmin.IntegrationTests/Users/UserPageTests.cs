using System.Net;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Users;

/// <summary>The users pages, through their real forms: create, the temporary password, the account actions.</summary>
public sealed class UserPageTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_created_on_the_form_gets_a_temporary_password_shown_once_and_must_change_it_at_first_sign_in()
    {
        var w = await app.WorldAsync();
        var admin = await WebSession.SignedInAsync(app);
        var form = await admin.GetPageAsync("/users/create");
        var email = UsersKit.NewEmail("created");
        var response = await admin.SubmitAsync(form, "#user-form", new()
        {
            ["Email"] = [email], ["DisplayName"] = ["Casey Created"], ["Role"] = ["Manager"], ["AllLocations"] = ["false"], ["Locations"] = [w.Home],
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var result = await WebSession.ParseAsync(response);
        var password = result.QuerySelector("[data-testid=temporary-password]")!.TextContent.Trim();
        Assert.Matches("^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$", password);

        // Shown once: the user's pages never show it again, and it was in no address.
        var list = await admin.GetPageAsync("/users?search=" + Uri.EscapeDataString(email));
        var row = Assert.Single(list.QuerySelectorAll("#users tbody tr"));
        Assert.Contains("Manager", row.TextContent);
        Assert.Contains(w.Home, row.TextContent);
        Assert.Contains("must change password", row.TextContent);
        var id = row.GetAttribute("data-user-id")!;
        Assert.DoesNotContain(password, (await admin.Client.GetStringAsync($"/users/{id}/edit", Ct)));
        Assert.DoesNotContain(password, response.RequestMessage!.RequestUri!.ToString());

        // The first sign-in leads to the change-password page, and every other page leads back there.
        var user = WebSession.Create(app);
        var signIn = await user.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/account/password", signIn.Headers.Location!.OriginalString);
        foreach (var path in new[] { "/", "/promo-codes", "/batches" })
        {
            var blocked = await user.Client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.Equal("/account/password", blocked.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/css/site.css", Ct)).StatusCode);
        var change = await user.GetPageAsync("/account/password");
        Assert.NotNull(change.QuerySelector("[data-testid=must-change-password]"));
        var changed = await user.SubmitAsync(change, "#change-password", new()
        {
            ["CurrentPassword"] = [password], ["NewPassword"] = [UsersKit.NewPassword], ["ConfirmPassword"] = [UsersKit.NewPassword],
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        // Then free: the refreshed session no longer carries the forced change.
        var home = await user.Client.GetAsync("/promo-codes", Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var saved = await UsersKit.GetAsync(app, id);
        Assert.False(saved.GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, (await WebSession.Create(app).SignInAsync(email, UsersKit.NewPassword)).StatusCode);

        var trail = await UsersKit.AuditAsync(app, id);
        var created = Assert.Single(trail, e => e.Action == AuditActions.Create);
        Assert.Equal(PromoAdminFactory.AdminEmail, created.Actor);
        Assert.Contains("\"to\":\"Manager\"", created.Changes);
        Assert.Contains(w.Home, created.Changes);
        Assert.DoesNotContain(password, created.Changes);
        var passwordChange = Assert.Single(trail, e => e.Action == AuditActions.ChangePassword);
        Assert.Equal(email, passwordChange.Actor);
        Assert.DoesNotContain(UsersKit.NewPassword, passwordChange.Changes ?? "");
    }

    [Fact]
    public async Task The_create_form_shows_field_errors_and_saves_nothing()
    {
        var admin = await WebSession.SignedInAsync(app);
        var form = await admin.GetPageAsync("/users/create");
        var email = UsersKit.NewEmail("refused");
        var response = await admin.SubmitAsync(form, "#user-form", new()
        {
            ["Email"] = [email], ["Role"] = ["Manager"], ["AllLocations"] = ["false"], ["Locations"] = ["no-such-location-" + TestData.NewTag()],
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebSession.ParseAsync(response);
        Assert.Contains("does not exist", UsersKit.FieldError(page, "Locations"));
        Assert.NotNull(page.QuerySelector(".error-summary"));
        Assert.Null(page.QuerySelector("[data-testid=temporary-password]"));
        var list = await app.ApiClient().GetAsync("/api/v1/users?search=" + Uri.EscapeDataString(email), Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_session_that_outlived_its_users_deactivation_is_refused()
    {
        // What a sign-in already past its checks when the user was deactivated leaves behind: a session row of an
        // inactive user. It opens nothing.
        var user = await UsersKit.CreateAsync(app, "Manager");
        var session = await UsersKit.SignedInWithOwnPasswordAsync(app, user);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/promo-codes", Ct)).StatusCode);
        await using (var scope = app.Db())
            await scope.Context.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false), Ct);
        Assert.Equal(1, await UsersKit.SessionsAsync(app, user.Id));
        var refused = await session.Client.GetAsync("/promo-codes", Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/sign-in", refused.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Deactivating_ends_a_session_on_a_second_instance_at_once_and_sign_in_is_refused_until_activated()
    {
        var user = await UsersKit.CreateAsync(app);
        await using var second = new PromoAdminFactory(app.DatabasePath, new Dictionary<string, string?> { ["Batches:Worker:Enabled"] = "false" });
        var onSecond = await UsersKit.SignedInWithOwnPasswordAsync(second, user);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.Client.GetAsync("/promo-codes", Ct)).StatusCode);

        var admin = await WebSession.SignedInAsync(app);
        var confirm = await admin.GetPageAsync($"/users/{user.Id}/deactivate");
        var done = await admin.SubmitAsync(confirm, "#confirm");
        var edit = await admin.FollowAsync(done);
        Assert.Contains("deactivated", edit.QuerySelector("#user-account")!.TextContent);

        // The very next request on the other instance finds no session.
        var after = await onSecond.Client.GetAsync("/promo-codes", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location!.PathAndQuery);
        Assert.Equal(0, await UsersKit.SessionsAsync(app, user.Id));
        var refused = await WebSession.Create(second).SignInAsync(user.Email, UsersKit.NewPassword);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Email or password is incorrect.", (await WebSession.ParseAsync(refused)).QuerySelector(".alert-danger")!.TextContent);

        var activate = await admin.GetPageAsync($"/users/{user.Id}/activate");
        await admin.FollowAsync(await admin.SubmitAsync(activate, "#confirm"));
        Assert.Equal(HttpStatusCode.Redirect, (await WebSession.Create(second).SignInAsync(user.Email, UsersKit.NewPassword)).StatusCode);

        var trail = await UsersKit.AuditAsync(app, user.Id);
        var deactivated = Assert.Single(trail, e => e.Action == AuditActions.Deactivate);
        Assert.Equal(PromoAdminFactory.AdminEmail, deactivated.Actor);
        Assert.Contains("\"field\":\"active\"", deactivated.Changes);
        Assert.Single(trail, e => e.Action == AuditActions.Activate);
    }

    [Fact]
    public async Task An_admin_unlocks_an_account_locked_by_five_wrong_passwords()
    {
        var user = await UsersKit.CreateAsync(app);
        var session = WebSession.Create(app);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await session.SignInAsync(user.Email, "Wrong-pass-" + i)).StatusCode);
        Assert.True((await UsersKit.GetAsync(app, user.Id)).GetProperty("lockedOut").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await session.SignInAsync(user.Email, user.TemporaryPassword)).StatusCode);

        var admin = await WebSession.SignedInAsync(app);
        var edit = await admin.GetPageAsync($"/users/{user.Id}/edit");
        Assert.Contains("locked", edit.QuerySelector("#user-account")!.TextContent);
        var confirm = await admin.GetPageAsync($"/users/{user.Id}/unlock");
        await admin.FollowAsync(await admin.SubmitAsync(confirm, "#confirm"));

        Assert.False((await UsersKit.GetAsync(app, user.Id)).GetProperty("lockedOut").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, (await WebSession.Create(app).SignInAsync(user.Email, user.TemporaryPassword)).StatusCode);
        var unlocked = Assert.Single(await UsersKit.AuditAsync(app, user.Id), e => e.Action == AuditActions.Unlock);
        Assert.Equal(PromoAdminFactory.AdminEmail, unlocked.Actor);
        Assert.Contains("lockedOut", unlocked.Changes);
    }

    [Fact]
    public async Task Resetting_a_password_shows_a_new_temporary_one_once_and_ends_the_users_sessions()
    {
        var user = await UsersKit.CreateAsync(app);
        var session = await UsersKit.SignedInWithOwnPasswordAsync(app, user);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/promo-codes", Ct)).StatusCode);

        var admin = await WebSession.SignedInAsync(app);
        var confirm = await admin.GetPageAsync($"/users/{user.Id}/reset-password");
        var response = await admin.SubmitAsync(confirm, "#confirm");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var password = (await WebSession.ParseAsync(response)).QuerySelector("[data-testid=temporary-password]")!.TextContent.Trim();

        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/promo-codes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WebSession.Create(app).SignInAsync(user.Email, UsersKit.NewPassword)).StatusCode);
        var again = await WebSession.Create(app).SignInAsync(user.Email, password);
        Assert.StartsWith("/account/password", again.Headers.Location!.OriginalString);
        var reset = Assert.Single(await UsersKit.AuditAsync(app, user.Id), e => e.Action == AuditActions.ResetPassword);
        Assert.DoesNotContain(password, reset.Changes ?? "");
    }

    [Fact]
    public async Task Everyone_changes_their_own_password_and_a_wrong_current_password_is_refused()
    {
        var user = await UsersKit.CreateAsync(app, "CustomerService");
        var session = await UsersKit.SignedInWithOwnPasswordAsync(app, user);
        var home = await session.GetPageAsync("/promo-codes");
        Assert.NotNull(home.QuerySelector("#user-menu ~ .dropdown-menu a[href='/account/password']"));

        var form = await session.GetPageAsync("/account/password");
        Assert.Null(form.QuerySelector("[data-testid=must-change-password]"));
        var wrong = await session.SubmitAsync(form, "#change-password", new()
        {
            ["CurrentPassword"] = ["Not-my-pass-2026"], ["NewPassword"] = ["Another-pass-2026"], ["ConfirmPassword"] = ["Another-pass-2026"],
        });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("incorrect", UsersKit.FieldError(await WebSession.ParseAsync(wrong), "CurrentPassword"));
        Assert.Equal(HttpStatusCode.OK, (await WebSession.Create(app).SignInAsync(user.Email, "Another-pass-2026")).StatusCode);

        // Signed in elsewhere with the old password too: that session ends with the change, this one goes on.
        var elsewhere = await WebSession.SignedInAsync(app, user.Email, UsersKit.NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.Client.GetAsync("/promo-codes", Ct)).StatusCode);
        var right = await session.SubmitAsync(await session.GetPageAsync("/account/password"), "#change-password", new()
        {
            ["CurrentPassword"] = [UsersKit.NewPassword], ["NewPassword"] = ["Another-pass-2026"], ["ConfirmPassword"] = ["Another-pass-2026"],
        });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/promo-codes", Ct)).StatusCode);
        var ended = await elsewhere.Client.GetAsync("/promo-codes", Ct);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Contains("/account/sign-in", ended.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await WebSession.Create(app).SignInAsync(user.Email, "Another-pass-2026")).StatusCode);
        var changes = (await UsersKit.AuditAsync(app, user.Id)).Where(e => e.Action == AuditActions.ChangePassword).ToList();
        Assert.Equal(2, changes.Count); // the forced change and this one; the refused attempt wrote nothing
        Assert.All(changes, e => Assert.Equal(user.Email, e.Actor));
    }

    [Fact]
    public async Task Users_pages_are_for_admins_only()
    {
        var user = await UsersKit.CreateAsync(app, "Manager");
        var session = await UsersKit.SignedInWithOwnPasswordAsync(app, user);
        var response = await session.Client.GetAsync("/users", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
