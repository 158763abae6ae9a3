using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.Users;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Users;

public sealed record UserListModel(Page<UserSummary> Page, string? Search, Pager Pager);

public sealed class UserForm
{
    public string? Id { get; set; }
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Role { get; set; } = Roles.Viewer;
    public bool AllLocations { get; set; } = true;
    public List<string> Locations { get; set; } = [];

    /// <summary>What the domain takes: <c>["all"]</c> when the box is ticked, else the picked keys.</summary>
    public UserInput ToInput() => new(Email, DisplayName, Role, AllLocations ? [UserService.AllLocations] : Locations);
}

public sealed record UserFormModel(UserForm Form, UserSummary? User, IReadOnlyList<Location> AllLocations);

/// <summary>A user action that asks first: deactivate, activate, unlock, reset password.</summary>
public sealed record UserConfirmModel(UserSummary User, string Action, string Title, string Text, string Button, string ButtonClass);

public sealed record UserPasswordModel(UserSummary User, string TemporaryPassword, bool Created);

/// <summary>People: list, create, edit and the account actions (docs/rules.md#users). Admin only.</summary>
[Route("users"), Authorize(Policy = Policies.Administer)]
public sealed class UsersController(UserService users, LocationService locations) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var result = await users.ListAsync(search, new PageRequest(page, pageSize), ct);
        return View(new UserListModel(result, search, new Pager(result.PageNumber, result.PageSize, result.Total, Request)));
    }

    [HttpGet("create")]
    public async Task<IActionResult> Create(CancellationToken ct) => View("Edit", new UserFormModel(new UserForm(), null, await locations.AllAsync(ct)));

    [HttpPost("create")]
    public async Task<IActionResult> Create(UserForm form, CancellationToken ct)
    {
        try
        {
            var created = await users.CreateAsync(form.ToInput(), ct);
            return PasswordOnce(created, created: true);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View("Edit", new UserFormModel(form, null, await locations.AllAsync(ct)));
        }
    }

    [HttpGet("{id}/edit")]
    public async Task<IActionResult> Edit(string id, CancellationToken ct)
    {
        var user = await users.GetAsync(id, ct);
        var form = new UserForm
        {
            Id = user.Id, Email = user.Email, DisplayName = user.DisplayName, Role = user.Role, AllLocations = user.AllLocations,
            Locations = user.LocationKeys.ToList(),
        };
        return View(new UserFormModel(form, user, await locations.AllAsync(ct)));
    }

    [HttpPost("{id}/edit")]
    public async Task<IActionResult> Edit(string id, UserForm form, CancellationToken ct)
    {
        try
        {
            var user = await users.UpdateAsync(id, form.ToInput(), ct);
            TempData["Success"] = $"{user.Email} was updated.";
            return RedirectToAction(nameof(Index));
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            var user = await users.GetAsync(id, ct);
            form.Id = id;
            form.Email = user.Email;
            return View(new UserFormModel(form, user, await locations.AllAsync(ct)));
        }
    }

    [HttpGet("{id}/deactivate")]
    public Task<IActionResult> Deactivate(string id, CancellationToken ct) => ConfirmAsync(id, nameof(Deactivate), ct);

    [HttpPost("{id}/deactivate")]
    public Task<IActionResult> DeactivateConfirmed(string id, CancellationToken ct) =>
        ActAsync(id, nameof(Deactivate), users.DeactivateAsync, u => $"{u.Email} was deactivated: their sessions ended and they can no longer sign in.", ct);

    [HttpGet("{id}/activate")]
    public Task<IActionResult> Activate(string id, CancellationToken ct) => ConfirmAsync(id, nameof(Activate), ct);

    [HttpPost("{id}/activate")]
    public Task<IActionResult> ActivateConfirmed(string id, CancellationToken ct) =>
        ActAsync(id, nameof(Activate), users.ActivateAsync, u => $"{u.Email} was activated and can sign in again.", ct);

    [HttpGet("{id}/unlock")]
    public Task<IActionResult> Unlock(string id, CancellationToken ct) => ConfirmAsync(id, nameof(Unlock), ct);

    [HttpPost("{id}/unlock")]
    public Task<IActionResult> UnlockConfirmed(string id, CancellationToken ct) =>
        ActAsync(id, nameof(Unlock), users.UnlockAsync, u => $"{u.Email} was unlocked.", ct);

    [HttpGet("{id}/reset-password")]
    public Task<IActionResult> ResetPassword(string id, CancellationToken ct) => ConfirmAsync(id, nameof(ResetPassword), ct);

    [HttpPost("{id}/reset-password")]
    public async Task<IActionResult> ResetPasswordConfirmed(string id, CancellationToken ct) =>
        PasswordOnce(await users.ResetPasswordAsync(id, ct), created: false);

    /// <summary>The temporary password, on this response only: never in a URL, never cached.</summary>
    private ViewResult PasswordOnce(UserWithPassword result, bool created)
    {
        Response.Headers.CacheControl = "no-store";
        return View("Password", new UserPasswordModel(result.User, result.TemporaryPassword, created));
    }

    private async Task<IActionResult> ConfirmAsync(string id, string action, CancellationToken ct) =>
        View("Confirm", Confirmation(await users.GetAsync(id, ct), action));

    private async Task<IActionResult> ActAsync(string id, string action, Func<string, CancellationToken, Task<UserSummary>> act,
        Func<UserSummary, string> done, CancellationToken ct)
    {
        try
        {
            var user = await act(id, ct);
            TempData["Success"] = done(user);
            return RedirectToAction(nameof(Edit), new { id });
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View("Confirm", Confirmation(await users.GetAsync(id, ct), action));
        }
    }

    private static UserConfirmModel Confirmation(UserSummary user, string action) => action switch
    {
        nameof(Deactivate) => new(user, action, $"Deactivate {user.Email}?",
            "Every session of this user ends at once and they can no longer sign in, until an admin activates them again.", "Deactivate", "btn-danger"),
        nameof(Activate) => new(user, action, $"Activate {user.Email}?", "They can sign in again with their password.", "Activate", "btn-primary"),
        nameof(Unlock) => new(user, action, $"Unlock {user.Email}?",
            "The lockout after too many failed sign-ins ends now and the count of failures starts again.", "Unlock", "btn-primary"),
        _ => new(user, nameof(ResetPassword), $"Reset the password of {user.Email}?",
            "A new temporary password replaces theirs and is shown to you once. Every session of this user ends; they must choose a new password at their next sign-in.",
            "Reset password", "btn-danger"),
    };
}
