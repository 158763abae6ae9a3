using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PromoAdmin.Domain.Audit;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Users;

/// <summary>The users API: the JSON shape, the temporary password once, the account actions and their trail.</summary>
public sealed class UserApiTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_answers_201_with_the_temporary_password_once_and_the_user_must_change_it()
    {
        var w = await app.WorldAsync();
        var email = UsersKit.NewEmail("api");
        var api = app.ApiClient();
        var response = await api.PostAsJsonAsync("/api/v1/users",
            new { email, displayName = "Api Person", role = "CustomerService", locations = new[] { w.Home, w.Away } }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var created = await response.JsonAsync();
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/users/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(email, created.GetProperty("email").GetString());
        Assert.Equal("CustomerService", created.GetProperty("role").GetString());
        Assert.Equal(new[] { w.Away, w.Home }.Order(), created.GetProperty("locations").EnumerateArray().Select(e => e.GetString()!).Order());
        Assert.True(created.GetProperty("active").GetBoolean());
        Assert.False(created.GetProperty("lockedOut").GetBoolean());
        Assert.True(created.GetProperty("mustChangePassword").GetBoolean());
        var password = created.GetProperty("temporaryPassword").GetString()!;

        var read = await UsersKit.GetAsync(app, id);
        Assert.False(read.TryGetProperty("temporaryPassword", out _));
        Assert.Equal("Api Person", read.GetProperty("displayName").GetString());
        var list = await api.GetAsync("/api/v1/users?search=" + Uri.EscapeDataString(email.ToUpperInvariant()), Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(50, list.GetProperty("pageSize").GetInt32());

        var signIn = await WebSession.Create(app).SignInAsync(email, password);
        Assert.StartsWith("/account/password", signIn.Headers.Location!.OriginalString);

        var entry = Assert.Single(await UsersKit.AuditAsync(app, id), e => e.Action != AuditActions.SignIn);
        Assert.Equal((AuditActions.Create, "api:Bootstrap", "apiClient", email), (entry.Action, entry.Actor, entry.ActorType, entry.EntityName));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_saves_nothing()
    {
        var api = app.ApiClient();
        var email = UsersKit.NewEmail("bad");
        var problem = await api.PostAsJsonAsync("/api/v1/users", new { email, role = "Owner", locations = new[] { "nowhere-" + TestData.NewTag() } }, Ct)
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(new[] { "locations", "role" }, problem.ErrorFields().Order());
        problem = await api.PostAsJsonAsync("/api/v1/users", new { email = "not-an-email", role = "Viewer", locations = new[] { "all" } }, Ct)
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["email"], problem.ErrorFields());

        var user = await UsersKit.CreateAsync(app, email: email);
        problem = await api.PostAsJsonAsync("/api/v1/users", new { email, role = "Viewer", locations = new[] { "all" } }, Ct)
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["email"], problem.ErrorFields());
        problem = await api.PutAsJsonAsync($"/api/v1/users/{user.Id}", new { role = "Manager", locations = new[] { "nowhere-" + TestData.NewTag() } }, Ct)
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["locations"], problem.ErrorFields());
        var unchanged = await UsersKit.GetAsync(app, user.Id);
        Assert.Equal("Viewer", unchanged.GetProperty("role").GetString());
        Assert.Equal(["all"], unchanged.GetProperty("locations").EnumerateArray().Select(e => e.GetString()));
        Assert.Single(await UsersKit.AuditAsync(app, user.Id)); // the create only
        await api.GetAsync("/api/v1/users/no-such-user", Ct).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Changing_role_or_locations_ends_the_users_sessions_and_writes_one_entry_with_the_changes()
    {
        var w = await app.WorldAsync();
        var user = await UsersKit.CreateAsync(app, "Viewer");
        var session = await UsersKit.SignedInWithOwnPasswordAsync(app, user);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/promo-codes", Ct)).StatusCode);

        var updated = await app.ApiClient().PutAsJsonAsync($"/api/v1/users/{user.Id}",
            new { displayName = "Renamed", role = "Manager", locations = new[] { w.Home } }, Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Manager", updated.GetProperty("role").GetString());
        Assert.Equal([w.Home], updated.GetProperty("locations").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/promo-codes", Ct)).StatusCode);

        var entry = Assert.Single(await UsersKit.AuditAsync(app, user.Id), e => e.Action == AuditActions.Update);
        Assert.Equal("api:Bootstrap", entry.Actor);
        var changes = JsonDocument.Parse(entry.Changes!).RootElement.EnumerateArray()
            .ToDictionary(c => c.GetProperty("field").GetString()!, c => (c.GetProperty("from").GetString(), c.GetProperty("to").GetString()));
        Assert.Equal(("Viewer", "Manager"), changes["role"]);
        Assert.Equal(("all", w.Home), changes["locations"]);
        Assert.Equal("Renamed", changes["displayName"].Item2);
        Assert.False(changes.ContainsKey("active"));

        // The same values again change nothing and write nothing.
        await app.ApiClient().PutAsJsonAsync($"/api/v1/users/{user.Id}", new { displayName = "Renamed", role = "Manager", locations = new[] { w.Home } }, Ct)
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Single(await UsersKit.AuditAsync(app, user.Id), e => e.Action == AuditActions.Update);
    }

    [Fact]
    public async Task Deactivate_activate_unlock_and_reset_password_each_write_one_entry()
    {
        var user = await UsersKit.CreateAsync(app);
        var api = app.ApiClient();
        var session = WebSession.Create(app);
        for (var i = 0; i < 5; i++) await session.SignInAsync(user.Email, "Wrong-pass-" + i);

        var deactivated = await api.PostAsync($"/api/v1/users/{user.Id}/deactivate", null, Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.False(deactivated.GetProperty("active").GetBoolean());
        var activated = await api.PostAsync($"/api/v1/users/{user.Id}/activate", null, Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.True(activated.GetProperty("active").GetBoolean());
        Assert.True(activated.GetProperty("lockedOut").GetBoolean());
        var unlocked = await api.PostAsync($"/api/v1/users/{user.Id}/unlock", null, Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.False(unlocked.GetProperty("lockedOut").GetBoolean());

        var resetResponse = await api.PostAsync($"/api/v1/users/{user.Id}/reset-password", null, Ct);
        Assert.Contains("no-store", resetResponse.Headers.CacheControl!.ToString());
        var reset = await Task.FromResult(resetResponse).ExpectAsync(HttpStatusCode.OK);
        var password = reset.GetProperty("temporaryPassword").GetString()!;
        Assert.NotEqual(user.TemporaryPassword, password);
        Assert.Equal(HttpStatusCode.OK, (await WebSession.Create(app).SignInAsync(user.Email, user.TemporaryPassword)).StatusCode);
        Assert.StartsWith("/account/password", (await WebSession.Create(app).SignInAsync(user.Email, password)).Headers.Location!.OriginalString);

        var trail = (await UsersKit.AuditAsync(app, user.Id)).Where(e => e.Actor == "api:Bootstrap").Select(e => e.Action).ToList();
        Assert.Equal([AuditActions.Create, AuditActions.Deactivate, AuditActions.Activate, AuditActions.Unlock, AuditActions.ResetPassword], trail);
        Assert.All(await UsersKit.AuditAsync(app, user.Id), e =>
        {
            Assert.DoesNotContain(password, e.Changes ?? "");
            Assert.DoesNotContain("hash", e.Changes ?? "", StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Sign_in_attempts_are_in_the_trail_success_failure_unknown_email_and_lockout()
    {
        var user = await UsersKit.CreateAsync(app);
        Assert.StartsWith("/account/password", (await WebSession.Create(app).SignInAsync(user.Email, user.TemporaryPassword)).Headers.Location!.OriginalString);
        var session = WebSession.Create(app);
        for (var i = 0; i < 5; i++) await session.SignInAsync(user.Email, "Wrong-pass-" + i);
        await session.SignInAsync(user.Email, user.TemporaryPassword);

        var attempts = (await UsersKit.AuditAsync(app, user.Id)).Where(e => e.Action != AuditActions.Create).ToList();
        Assert.Equal(
            [AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.SignInFailed, AuditActions.SignInFailed, AuditActions.SignInFailed,
             AuditActions.LockedOut, AuditActions.LockedOut],
            attempts.Select(e => e.Action));
        Assert.All(attempts, e => Assert.Equal((user.Email, "user", user.Email), (e.Actor, e.ActorType, e.EntityName)));

        var unknown = UsersKit.NewEmail("nobody");
        var refused = await WebSession.Create(app).SignInAsync(unknown, "Whatever-pass-2026");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var entry = Assert.Single(await UsersKit.AuditByNameAsync(app, unknown));
        Assert.Equal((AuditActions.SignInFailed, unknown, "user", (string?)null), (entry.Action, entry.Actor, entry.ActorType, entry.EntityId));
    }
}
