using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Users;

/// <summary>A user made through the API: its id, email and the temporary password the answer showed.</summary>
public sealed record NewUser(string Id, string Email, string TemporaryPassword);

public static class UsersKit
{
    public const string NewPassword = "Changed-pass-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewEmail(string what) => $"{what}-{TestData.NewTag()}@users.promoadmin";

    public static async Task<NewUser> CreateAsync(PromoAdminFactory app, string role = "Viewer", string[]? locations = null, string? email = null)
    {
        email ??= NewEmail(role.ToLowerInvariant());
        var body = await app.ApiClient().PostAsJsonAsync("/api/v1/users",
            new { email, displayName = "User " + email.Split('@')[0], role, locations = locations ?? ["all"] }, Ct).ExpectAsync(HttpStatusCode.Created);
        return new NewUser(body.GetProperty("id").GetString()!, email, body.GetProperty("temporaryPassword").GetString()!);
    }

    /// <summary>Signs in with the temporary password and changes it to <see cref="NewPassword"/> on the forced page.</summary>
    public static async Task<WebSession> SignedInWithOwnPasswordAsync(PromoAdminFactory app, NewUser user)
    {
        var session = WebSession.Create(app);
        var signIn = await session.SignInAsync(user.Email, user.TemporaryPassword);
        var page = await session.FollowAsync(signIn);
        var changed = await session.SubmitAsync(page, "#change-password", new()
        {
            ["CurrentPassword"] = [user.TemporaryPassword], ["NewPassword"] = [NewPassword], ["ConfirmPassword"] = [NewPassword],
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        return session;
    }

    public static async Task<JsonElement> GetAsync(PromoAdminFactory app, string id) =>
        await app.ApiClient().GetAsync($"/api/v1/users/{id}", Ct).ExpectAsync(HttpStatusCode.OK);

    /// <summary>The trail's entries about one user, in order.</summary>
    public static async Task<List<AuditEntry>> AuditAsync(PromoAdminFactory app, string id)
    {
        await using var scope = app.Db();
        return await scope.Context.AuditEntries.AsNoTracking().Where(e => e.EntityType == AuditEntities.User && e.EntityId == id)
            .OrderBy(e => e.Id).ToListAsync(Ct);
    }

    /// <summary>The trail's entries naming an email (sign-in attempts of unknown emails have no id).</summary>
    public static async Task<List<AuditEntry>> AuditByNameAsync(PromoAdminFactory app, string email)
    {
        await using var scope = app.Db();
        return await scope.Context.AuditEntries.AsNoTracking().Where(e => e.EntityType == AuditEntities.User && e.EntityName == email)
            .OrderBy(e => e.Id).ToListAsync(Ct);
    }

    /// <summary>Whether the user still has a session row.</summary>
    public static async Task<int> SessionsAsync(PromoAdminFactory app, string id)
    {
        await using var scope = app.Db();
        return await scope.Context.UserSessions.CountAsync(s => s.UserId == id, Ct);
    }

    /// <summary>The message after an input, or after a check list of that name (the locations).</summary>
    public static string? FieldError(AngleSharp.Html.Dom.IHtmlDocument page, string field) =>
        page.QuerySelector($"#{field} ~ .invalid-feedback, [data-check-list][data-name='{field}'] ~ .invalid-feedback")?.TextContent.Trim();
}
