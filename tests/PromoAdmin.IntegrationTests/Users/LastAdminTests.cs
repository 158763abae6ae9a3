using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Users;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Users;

/// <summary>An app of its own: the shared one has many admins, these tests need to know every one.</summary>
public sealed class LastAdminApp() : PromoAdminFactory(null, new Dictionary<string, string?> { ["Batches:Worker:Enabled"] = "false" });

/// <summary>The last active Admin keeps the role and stays active, also when two demotions race.</summary>
public sealed class LastAdminTests(LastAdminApp app) : IClassFixture<LastAdminApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The bootstrap admin, active, is the only Admin; every other Admin of earlier tests becomes a Viewer.</summary>
    private async Task<string> OnlyBootstrapAdminAsync()
    {
        await using var scope = app.Db();
        var users = scope.Services.GetRequiredService<UserManager<AppUser>>();
        foreach (var other in await users.GetUsersInRoleAsync(Roles.Admin))
        {
            if (other.Email == AdminEmail) continue;
            await users.RemoveFromRoleAsync(other, Roles.Admin);
            await users.AddToRoleAsync(other, Roles.Viewer);
        }
        var admin = (await users.FindByEmailAsync(AdminEmail))!;
        if (!admin.IsActive)
        {
            admin.IsActive = true;
            await users.UpdateAsync(admin);
        }
        if (!await users.IsInRoleAsync(admin, Roles.Admin))
        {
            await users.RemoveFromRolesAsync(admin, await users.GetRolesAsync(admin));
            await users.AddToRoleAsync(admin, Roles.Admin);
        }
        return admin.Id;
    }

    private async Task<int> ActiveAdminsAsync()
    {
        await using var scope = app.Db();
        var users = scope.Services.GetRequiredService<UserManager<AppUser>>();
        return (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => u.IsActive);
    }

    [Fact]
    public async Task The_API_refuses_to_demote_or_deactivate_the_last_active_admin_and_changes_nothing()
    {
        var id = await OnlyBootstrapAdminAsync();
        var api = app.ApiClient();
        var before = (await UsersKit.AuditAsync(app, id)).Count;
        var demote = await api.PutAsJsonAsync($"/api/v1/users/{id}", new { role = "Manager", locations = new[] { "all" } }, Ct)
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["role"], demote.ErrorFields());
        var deactivate = await api.PostAsync($"/api/v1/users/{id}/deactivate", null, Ct).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["active"], deactivate.ErrorFields());

        var admin = await UsersKit.GetAsync(app, id);
        Assert.Equal(("Admin", true), (admin.GetProperty("role").GetString(), admin.GetProperty("active").GetBoolean()));
        Assert.Equal(before, (await UsersKit.AuditAsync(app, id)).Count);

        // With a second active Admin, the first may go: the rule is about the last one only.
        var second = await UsersKit.CreateAsync(app, "Admin");
        await api.PutAsJsonAsync($"/api/v1/users/{id}", new { role = "Manager", locations = new[] { "all" } }, Ct).ExpectAsync(HttpStatusCode.OK);
        await api.PostAsync($"/api/v1/users/{second.Id}/deactivate", null, Ct).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(1, await ActiveAdminsAsync());
    }

    [Fact]
    public async Task The_pages_refuse_to_demote_or_deactivate_the_last_active_admin_with_a_field_error()
    {
        var id = await OnlyBootstrapAdminAsync();
        // The class's other tests change this admin too, in any order: only the entries from here on count.
        var before = (await UsersKit.AuditAsync(app, id)).Count;
        var session = await WebSession.SignedInAsync(app);
        var edit = await session.GetPageAsync($"/users/{id}/edit");
        var response = await session.SubmitAsync(edit, "#user-form", new() { ["Role"] = ["Viewer"] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebSession.ParseAsync(response);
        Assert.Contains("last active Admin", UsersKit.FieldError(page, "Role"));
        Assert.NotNull(page.QuerySelector(".error-summary"));

        var confirm = await session.GetPageAsync($"/users/{id}/deactivate");
        var refused = await session.SubmitAsync(confirm, "#confirm");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("last active Admin", (await WebSession.ParseAsync(refused)).QuerySelector(".error-summary")!.TextContent);

        var admin = await UsersKit.GetAsync(app, id);
        Assert.Equal(("Admin", true), (admin.GetProperty("role").GetString(), admin.GetProperty("active").GetBoolean()));
        Assert.DoesNotContain((await UsersKit.AuditAsync(app, id)).Skip(before), e => e.Action is AuditActions.Update or AuditActions.Deactivate);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/users", Ct)).StatusCode); // still signed in as Admin
    }

    [Fact]
    public async Task Two_admins_demoted_at_once_exactly_one_demotion_succeeds_every_time()
    {
        var first = await OnlyBootstrapAdminAsync();
        var second = (await UsersKit.CreateAsync(app, "Admin")).Id;
        var api = app.ApiClient();
        var demote = new { role = "Viewer", locations = new[] { "all" } };
        var promote = new { role = "Admin", locations = new[] { "all" } };
        for (var round = 0; round < 20; round++)
        {
            using var barrier = new Barrier(2);
            var clients = new[] { app.ApiClient(), app.ApiClient() };
            var ids = new[] { first, second };
            var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                barrier.SignalAndWait(Ct);
                return await clients[i].PutAsJsonAsync($"/api/v1/users/{ids[i]}", demote, Ct);
            }, Ct)));

            var statuses = answers.Select(a => a.StatusCode).Order().ToArray();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest], statuses);
            var refusal = await answers.Single(a => a.StatusCode == HttpStatusCode.BadRequest).JsonAsync();
            Assert.Equal(["role"], refusal.ErrorFields());
            Assert.Equal(1, await ActiveAdminsAsync());

            // The demoted one becomes Admin again for the next round.
            var demoted = ids[Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.OK)];
            await api.PutAsJsonAsync($"/api/v1/users/{demoted}", promote, Ct).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(2, await ActiveAdminsAsync());
        }
        await OnlyBootstrapAdminAsync();
    }

    private const string AdminEmail = PromoAdminFactory.AdminEmail;
}
