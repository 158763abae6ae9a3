using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Locations;

namespace PromoAdmin.Domain.Users;

/// <summary>
/// A new user or a change to one. <paramref name="Locations"/> is <c>["all"]</c> or location keys (docs/rules.md#users);
/// an update leaves <paramref name="Email"/> as it is.
/// </summary>
public sealed record UserInput(string? Email, string? DisplayName, string? Role, IReadOnlyList<string>? Locations);

/// <summary>A user as the pages and the API show them.</summary>
public sealed record UserSummary(
    string Id, string Email, string? DisplayName, string? Role, bool AllLocations, IReadOnlyList<string> LocationKeys,
    bool Active, bool LockedOut, bool MustChangePassword)
{
    /// <summary><c>["all"]</c>, or the keys of the locations the user is limited to.</summary>
    public IReadOnlyList<string> Locations => AllLocations ? [UserService.AllLocations] : LocationKeys;
}

/// <summary>The answer to a create or a password reset: the temporary password, shown this once and stored only hashed.</summary>
public sealed record UserWithPassword(UserSummary User, string TemporaryPassword);

/// <summary>
/// People: create with a temporary password, change role and locations, deactivate, activate, unlock, reset and change
/// passwords (docs/rules.md#users). Every change writes one audit entry in the change's own transaction.
/// </summary>
public sealed class UserService(
    PromoAdminDbContext db, UserManager<AppUser> users, AuditLog audit, Actor actor, UserSessionService sessions, TimeProvider clock)
{
    /// <summary>The one value of <c>locations</c> that means every location.</summary>
    public const string AllLocations = "all";

    internal const string SqlServerAdminsLock =
        "EXEC sp_getapplock @Resource = N'PromoAdmin.Admins', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000;";

    public async Task<Page<UserSummary>> ListAsync(string? search, PageRequest page, CancellationToken ct = default)
    {
        var query = db.Users.AsNoTracking().WhereAnyContains(db, search, u => u.Email, u => u.DisplayName);
        var found = await query.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id).ToPageAsync(page, ct);
        var summaries = await SummariesAsync(found.Items, ct);
        return found.Map(u => summaries[u.Id]);
    }

    public async Task<UserSummary> GetAsync(string id, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw NotFound(id);
        return (await SummariesAsync([user], ct))[id];
    }

    public async Task<UserWithPassword> CreateAsync(UserInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var email = input.Email?.Trim();
        if (string.IsNullOrEmpty(email)) errors["email"] = ["Email is required."];
        else if (email.Length > 256 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
            errors["email"] = ["Enter a valid email address."];
        var (displayName, role, locationIds) = await CheckAsync(input, errors, ct);
        if (errors.Count == 0 && await users.FindByEmailAsync(email!) is not null) errors["email"] = ["A user with this email already exists."];
        if (errors.Count > 0) throw new DomainValidationException(errors);

        var password = TemporaryPassword();
        return await db.InTransactionAsync(async (tx, token) =>
        {
            var user = new AppUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, MustChangePassword = true,
                AllLocations = locationIds is null,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) throw IdentityErrors(created, "email");
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = await RoleIdAsync(role, token) });
            foreach (var locationId in locationIds ?? []) db.UserLocations.Add(new UserLocation { UserId = user.Id, LocationId = locationId });
            var after = await AuditViewAsync(user.Id, displayName, role, locationIds, true, token);
            audit.Record(AuditEntities.User, user.Id, email, AuditActions.Create, changes: AuditLog.Diff(null, after));
            await db.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            return new UserWithPassword(await GetAsync(user.Id, token), password);
        }, ct);
    }

    /// <summary>
    /// Changes display name, role and locations. A new role or new locations end the user's sessions, so the new rights
    /// apply at once; the last active Admin keeps the role.
    /// </summary>
    public async Task<UserSummary> UpdateAsync(string id, UserInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var (displayName, role, locationIds) = await CheckAsync(input, errors, ct);
        if (errors.Count > 0) throw new DomainValidationException(errors);

        await InAdminsLockAsync(async token =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, token) ?? throw NotFound(id);
            var before = await CurrentAuditViewAsync(user, token);
            if (before.Role == Roles.Admin && role != Roles.Admin && user.IsActive && !await OtherActiveAdminsAsync(id, token))
                throw new DomainValidationException("role", "This is the last active Admin: make another user Admin first.");

            var after = await AuditViewAsync(id, displayName, role, locationIds, user.IsActive, token);
            var changes = AuditLog.Diff(before, after);
            if (changes.Count == 0) return;
            user.DisplayName = displayName;
            if (before.Role != role)
            {
                await db.UserRoles.Where(r => r.UserId == id).ExecuteDeleteAsync(token);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = await RoleIdAsync(role, token) });
            }
            if (before.Locations != after.Locations)
            {
                user.AllLocations = locationIds is null;
                await db.UserLocations.Where(l => l.UserId == id).ExecuteDeleteAsync(token);
                foreach (var locationId in locationIds ?? []) db.UserLocations.Add(new UserLocation { UserId = id, LocationId = locationId });
            }
            // New rights apply at once: the user signs in again and gets a session with them.
            if (before.Role != after.Role || before.Locations != after.Locations) await sessions.RemoveAllAsync(id, token);
            audit.Record(AuditEntities.User, id, user.Email, AuditActions.Update, changes: changes);
            await db.SaveChangesAsync(token);
        }, ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Refuses sign-in from now on and ends every session of the user, on every instance; not the last active Admin.</summary>
    public async Task<UserSummary> DeactivateAsync(string id, CancellationToken ct = default)
    {
        await InAdminsLockAsync(async token =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, token) ?? throw NotFound(id);
            if (!user.IsActive) return;
            if (await RoleOfAsync(id, token) == Roles.Admin && !await OtherActiveAdminsAsync(id, token))
                throw new DomainValidationException("active", "This is the last active Admin: it cannot be deactivated.");
            user.IsActive = false;
            await sessions.RemoveAllAsync(id, token);
            audit.Record(AuditEntities.User, id, user.Email, AuditActions.Deactivate, changes: [new AuditChange("active", "true", "false")]);
            await db.SaveChangesAsync(token);
        }, ct);
        return await GetAsync(id, ct);
    }

    public Task<UserSummary> ActivateAsync(string id, CancellationToken ct = default) =>
        ChangeAsync(id, AuditActions.Activate, user =>
        {
            if (user.IsActive) return null;
            user.IsActive = true;
            return [new AuditChange("active", "false", "true")];
        }, ct);

    /// <summary>Ends a lockout after too many failed sign-ins, and starts the count of failures again.</summary>
    public Task<UserSummary> UnlockAsync(string id, CancellationToken ct = default) =>
        ChangeAsync(id, AuditActions.Unlock, user =>
        {
            if (user.LockoutEnd is null && user.AccessFailedCount == 0) return null;
            var wasLocked = user.LockoutEnd is { } end && end > clock.GetUtcNow();
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            return wasLocked ? [new AuditChange("lockedOut", "true", "false")] : [];
        }, ct);

    /// <summary>A new temporary password (to be changed at the next sign-in); every session of the user ends.</summary>
    public async Task<UserWithPassword> ResetPasswordAsync(string id, CancellationToken ct = default)
    {
        var password = TemporaryPassword();
        var summary = await ChangeAsync(id, AuditActions.ResetPassword, user =>
        {
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            var changes = user.MustChangePassword ? [] : new List<AuditChange> { new("mustChangePassword", "false", "true") };
            user.MustChangePassword = true;
            return changes;
        }, endSessions: true, ct);
        return new UserWithPassword(summary, password);
    }

    /// <summary>The signed-in user's own change: the current password, then a new one that meets the password rules.</summary>
    /// <summary>
    /// Changes the user's own password and ends their other sessions (a session signed in with the old password elsewhere
    /// stops at once); <paramref name="keepSessionId"/> is the session the change was made from.
    /// </summary>
    public async Task ChangeOwnPasswordAsync(string id, string? currentPassword, string? newPassword, string? keepSessionId = null, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(currentPassword)) errors["currentPassword"] = ["Enter your current password."];
        if (string.IsNullOrEmpty(newPassword)) errors["newPassword"] = ["Enter a new password."];
        else if (newPassword == currentPassword) errors["newPassword"] = ["The new password must differ from the current one."];
        if (errors.Count > 0) throw new DomainValidationException(errors);

        await db.InTransactionAsync(async (tx, token) =>
        {
            var user = await users.FindByIdAsync(id) ?? throw NotFound(id);
            // Identity checks the current password and the new one's rules, and saves the new hash.
            var result = await users.ChangePasswordAsync(user, currentPassword!, newPassword!);
            if (!result.Succeeded)
                throw result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                    ? new DomainValidationException("currentPassword", "The current password is incorrect.")
                    : IdentityErrors(result, "newPassword");
            var changes = user.MustChangePassword ? [new AuditChange("mustChangePassword", "true", "false")] : new List<AuditChange>();
            user.MustChangePassword = false;
            audit.Record(AuditEntities.User, id, user.Email, AuditActions.ChangePassword, changes: changes);
            await db.SaveChangesAsync(token);
            await db.UserSessions.Where(s => s.UserId == id && s.Id != keepSessionId).ExecuteDeleteAsync(token);
            await tx.CommitAsync(token);
            return true;
        }, ct);
    }

    /// <summary>
    /// A sign-in attempt for the trail: <see cref="AuditActions.SignIn"/>, <see cref="AuditActions.SignInFailed"/> or
    /// <see cref="AuditActions.LockedOut"/>. The actor is the email typed, whether or not an account has it.
    /// </summary>
    public async Task RecordSignInAsync(string email, AppUser? user, string action, CancellationToken ct = default)
    {
        actor.SetUser(user?.Id ?? "", user?.Email ?? email, null, null);
        audit.Record(AuditEntities.User, user?.Id, user?.Email ?? email, action);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A password that meets the password rules: four groups of four letters and digits, hyphen-separated.</summary>
    public static string TemporaryPassword()
    {
        const string letters = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        while (true)
        {
            var text = RandomNumberGenerator.GetString(letters, 16);
            if (text.Any(char.IsUpper) && text.Any(char.IsLower) && text.Any(char.IsDigit))
                return string.Join('-', text.Chunk(4).Select(c => new string(c)));
        }
    }

    /// <summary>A change of one user's own row, with its audit entry; <paramref name="change"/> answers null when there is nothing to do.</summary>
    private Task<UserSummary> ChangeAsync(string id, string action, Func<AppUser, List<AuditChange>?> change, CancellationToken ct) =>
        ChangeAsync(id, action, change, endSessions: false, ct);

    private async Task<UserSummary> ChangeAsync(string id, string action, Func<AppUser, List<AuditChange>?> change, bool endSessions, CancellationToken ct)
    {
        await db.InTransactionAsync(async (tx, token) =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, token) ?? throw NotFound(id);
            var changes = change(user);
            if (changes is null) return false;
            if (endSessions) await sessions.RemoveAllAsync(id, token);
            audit.Record(AuditEntities.User, id, user.Email, action, changes: changes);
            await db.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            return true;
        }, ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// Runs a change that may take the Admin role from someone under the one lock of the admins, so that the check "another
    /// active Admin remains" and the change are one step: two instances demoting the last two Admins at once cannot both pass.
    /// </summary>
    private Task<bool> InAdminsLockAsync(Func<CancellationToken, Task> work, CancellationToken ct) =>
        db.InTransactionAsync(async (tx, token) =>
        {
            // SQLite: a first write takes the database's write lock until the commit. SQL Server: an application lock.
            if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("UPDATE \"AspNetUsers\" SET \"Id\" = \"Id\" WHERE 1 = 0;", token);
            else await db.Database.ExecuteSqlRawAsync(SqlServerAdminsLock, token);
            await work(token);
            await tx.CommitAsync(token);
            return true;
        }, ct);

    private async Task<bool> OtherActiveAdminsAsync(string id, CancellationToken ct)
    {
        var adminRoleId = await RoleIdAsync(Roles.Admin, ct);
        return await db.UserRoles.Where(r => r.RoleId == adminRoleId && r.UserId != id)
            .Join(db.Users.Where(u => u.IsActive), r => r.UserId, u => u.Id, (r, u) => u.Id).AnyAsync(ct);
    }

    /// <summary>Checks display name, role and locations; answers them cleaned, the location ids null for every location.</summary>
    private async Task<(string? DisplayName, string Role, List<int>? LocationIds)> CheckAsync(UserInput input, Dictionary<string, string[]> errors,
        CancellationToken ct)
    {
        var displayName = string.IsNullOrWhiteSpace(input.DisplayName) ? null : input.DisplayName.Trim();
        if (displayName is { Length: > 200 }) errors["displayName"] = ["Display name must be 200 characters or fewer."];
        var role = Roles.All.FirstOrDefault(r => string.Equals(r, input.Role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (role is null) errors["role"] = [$"Role must be one of {string.Join(", ", Roles.All)}."];

        var keys = (input.Locations ?? []).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct().ToList();
        List<int>? ids = null;
        if (keys.Contains(AllLocations))
        {
            if (keys.Count > 1) errors["locations"] = ["Locations are \"all\" or a list of location keys, not both."];
        }
        else if (keys.Count == 0)
        {
            errors["locations"] = ["Pick at least one location, or all locations."];
        }
        else
        {
            var found = await db.Locations.Where(l => keys.Contains(l.Key)).Select(l => new { l.Key, l.Id }).ToListAsync(ct);
            var unknown = keys.Where(k => found.All(f => f.Key != k)).ToList();
            if (unknown.Count > 0) errors["locations"] = unknown.Select(LocationService.UnknownMessage).ToArray();
            ids = found.Select(f => f.Id).Order().ToList();
        }
        return (displayName, role ?? "", ids);
    }

    /// <summary>What the trail compares of a user: never a password or its hash.</summary>
    private sealed record UserAuditView(string? DisplayName, string? Role, string Locations, bool Active);

    private async Task<UserAuditView> AuditViewAsync(string id, string? displayName, string? role, List<int>? locationIds, bool active, CancellationToken ct)
    {
        var keys = locationIds is null ? AllLocations
            : string.Join(", ", await db.Locations.Where(l => locationIds.Contains(l.Id)).OrderBy(l => l.Key).Select(l => l.Key).ToListAsync(ct));
        return new UserAuditView(displayName, role, keys, active);
    }

    /// <summary>The ids of the locations a user is limited to, in id order; null when the user sees every location.</summary>
    public async Task<List<int>?> LocationIdsAsync(AppUser user, CancellationToken ct = default) =>
        user.AllLocations ? null : await db.UserLocations.Where(l => l.UserId == user.Id).OrderBy(l => l.LocationId).Select(l => l.LocationId).ToListAsync(ct);

    private async Task<UserAuditView> CurrentAuditViewAsync(AppUser user, CancellationToken ct)
    {
        var ids = await LocationIdsAsync(user, ct);
        return await AuditViewAsync(user.Id, user.DisplayName, await RoleOfAsync(user.Id, ct), ids, user.IsActive, ct);
    }

    private Task<string?> RoleOfAsync(string id, CancellationToken ct) =>
        db.UserRoles.Where(r => r.UserId == id).Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => role.Name)
            .OrderBy(n => n).FirstOrDefaultAsync(ct);

    private async Task<string> RoleIdAsync(string role, CancellationToken ct) =>
        await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(ct)
        ?? throw new InvalidOperationException($"The role {role} is missing: start-up creates it.");

    private async Task<Dictionary<string, UserSummary>> SummariesAsync(IReadOnlyList<AppUser> list, CancellationToken ct)
    {
        var ids = list.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(r => ids.Contains(r.UserId)).Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => new { r.UserId, role.Name })
            .ToListAsync(ct);
        var locations = await db.UserLocations.Where(l => ids.Contains(l.UserId)).Join(db.Locations, ul => ul.LocationId, l => l.Id, (ul, l) => new { ul.UserId, l.Key })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return list.ToDictionary(u => u.Id, u => new UserSummary(
            u.Id, u.Email ?? "", u.DisplayName, roles.Where(r => r.UserId == u.Id).Select(r => r.Name).Order().FirstOrDefault(), u.AllLocations,
            locations.Where(l => l.UserId == u.Id).Select(l => l.Key).Order().ToList(),
            u.IsActive, u.LockoutEnd is { } end && end > now, u.MustChangePassword));
    }

    private static DomainValidationException IdentityErrors(IdentityResult result, string field) =>
        new(field, string.Join(" ", result.Errors.Select(e => e.Description)));

    private static NotFoundException NotFound(string id) => new($"User {id} not found.");
}
