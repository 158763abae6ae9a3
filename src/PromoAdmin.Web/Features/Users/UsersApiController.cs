using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Users;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Users;

/// <summary>A user as the API shows it; <c>locations</c> is <c>["all"]</c> or location keys.</summary>
public sealed record UserDto(string Id, string Email, string? DisplayName, string? Role, IReadOnlyList<string> Locations, bool Active, bool LockedOut,
    bool MustChangePassword)
{
    public static UserDto From(UserSummary u) => new(u.Id, u.Email, u.DisplayName, u.Role, u.Locations, u.Active, u.LockedOut, u.MustChangePassword);
}

/// <summary>The answer to a create or a password reset: the only time the temporary password is shown.</summary>
public sealed record UserWithPasswordDto(string Id, string Email, string? DisplayName, string? Role, IReadOnlyList<string> Locations, bool Active,
    bool LockedOut, bool MustChangePassword, string TemporaryPassword)
{
    public static UserWithPasswordDto From(UserWithPassword r) => new(r.User.Id, r.User.Email, r.User.DisplayName, r.User.Role, r.User.Locations,
        r.User.Active, r.User.LockedOut, r.User.MustChangePassword, r.TemporaryPassword);
}

public sealed record UserRequest(string? Email, string? DisplayName, string? Role, List<string>? Locations);

/// <summary>People (docs/api.md#users).</summary>
[Tags("Users")]
[Route("api/v1/users")]
public sealed class UsersApiController(UserService users) : AdminApiController
{
    /// <summary>The users, paged; search by email or name.</summary>
    [HttpGet]
    public async Task<ListResponse<UserDto>> List(string? search, int page = 1, int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await users.ListAsync(search, new PageRequest(page, pageSize), ct), UserDto.From);

    /// <summary>Creates a user with a temporary password, in this answer only, to be changed at the first sign-in.</summary>
    [HttpPost]
    [ProducesResponseType<UserWithPasswordDto>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(UserRequest request, CancellationToken ct)
    {
        var created = await users.CreateAsync(new UserInput(request.Email, request.DisplayName, request.Role, request.Locations), ct);
        Response.Headers.CacheControl = "no-store";
        return Created($"/api/v1/users/{created.User.Id}", UserWithPasswordDto.From(created));
    }

    /// <summary>One user.</summary>
    [HttpGet("{id}")]
    public async Task<UserDto> Get(string id, CancellationToken ct) => UserDto.From(await users.GetAsync(id, ct));

    /// <summary>Replaces display name, role and locations (the email stays); a new role or new locations end the user's sessions.</summary>
    [HttpPut("{id}")]
    public async Task<UserDto> Update(string id, UserRequest request, CancellationToken ct) =>
        UserDto.From(await users.UpdateAsync(id, new UserInput(null, request.DisplayName, request.Role, request.Locations), ct));

    /// <summary>Deactivates the user: they can no longer sign in and their sessions end.</summary>
    [HttpPost("{id}/deactivate")]
    public async Task<UserDto> Deactivate(string id, CancellationToken ct) => UserDto.From(await users.DeactivateAsync(id, ct));

    /// <summary>Activates the user again.</summary>
    [HttpPost("{id}/activate")]
    public async Task<UserDto> Activate(string id, CancellationToken ct) => UserDto.From(await users.ActivateAsync(id, ct));

    /// <summary>Ends a lockout after too many failed sign-ins.</summary>
    [HttpPost("{id}/unlock")]
    public async Task<UserDto> Unlock(string id, CancellationToken ct) => UserDto.From(await users.UnlockAsync(id, ct));

    /// <summary>A new temporary password, in this answer only; every session of the user ends.</summary>
    [HttpPost("{id}/reset-password")]
    public async Task<UserWithPasswordDto> ResetPassword(string id, CancellationToken ct)
    {
        var result = await users.ResetPasswordAsync(id, ct);
        Response.Headers.CacheControl = "no-store";
        return UserWithPasswordDto.From(result);
    }
}
