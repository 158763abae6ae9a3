using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Users;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>
/// The pages' policies, one per <see cref="Permission"/>, built from <see cref="Permissions.Table"/> (docs/rules.md#roles),
/// and the API's scopes (docs/api.md#authentication).
/// </summary>
public static class Policies
{
    private const string Prefix = Permissions.PolicyPrefix;
    public const string View = Prefix + nameof(Permission.View);
    public const string DownloadData = Prefix + nameof(Permission.DownloadCsv);
    public const string ManageCodes = Prefix + nameof(Permission.ManageCodes);
    public const string GenerateBatches = Prefix + nameof(Permission.GenerateBatches);
    public const string ManageBatches = Prefix + nameof(Permission.ManageBatches);
    public const string VoidRedemptions = Prefix + nameof(Permission.VoidRedemptions);
    public const string ManageReferenceData = Prefix + nameof(Permission.ManageReferenceData);
    public const string ViewAudit = Prefix + nameof(Permission.ViewAudit);
    public const string Administer = Prefix + nameof(Permission.Administer);
    public const string ApiCheckout = "ApiCheckout";
    public const string ApiAdmin = "ApiAdmin";

    public static void Add(AuthorizationOptions o)
    {
        foreach (var (permission, roles) in Permissions.Table)
            o.AddPolicy(Permissions.PolicyName(permission), p => p.RequireRole(roles));
        o.AddPolicy(ApiCheckout, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiScopes.Checkout));
        o.AddPolicy(ApiAdmin, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiScopes.Admin));
        // A page that names no policy is open to what every role may do (view), never more: a page that changes anything
        // must name its permission. An API key passes here (an unknown API path answers 404, a wrong method 405); the API's
        // own routes name their scope.
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .RequireAssertion(ctx => ctx.User.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName || ctx.User.Can(Permission.View))
            .Build();
    }

    /// <summary>Whether the signed-in user's role allows <paramref name="permission"/> (the navigation asks this).</summary>
    public static bool Can(this ClaimsPrincipal user, Permission permission) => Permissions.Allows(RoleOf(user), permission);

    /// <summary>The user's one role, as the header shows it.</summary>
    public static string? RoleOf(ClaimsPrincipal user) => Roles.All.FirstOrDefault(user.IsInRole);
}

/// <summary>The claims a signed-in user's session carries besides name and role.</summary>
public static class UserClaims
{
    /// <summary>"all", or the ids of the locations the user is limited to, comma-separated.</summary>
    public const string Locations = "promoadmin:locations";
    /// <summary>Present while the user signed in with a temporary password that must be changed.</summary>
    public const string MustChangePassword = "promoadmin:must-change-password";

    public static IReadOnlySet<int>? LocationIds(ClaimsPrincipal user)
    {
        var value = user.FindFirstValue(Locations);
        if (value is null or "all") return null;
        return value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToHashSet();
    }
}

/// <summary>Adds the user's locations and the forced password change to the session's claims at sign-in.</summary>
public sealed class AppUserClaimsFactory(
    Microsoft.AspNetCore.Identity.UserManager<AppUser> users, Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole> roles,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> options, UserService people)
    : Microsoft.AspNetCore.Identity.UserClaimsPrincipalFactory<AppUser, Microsoft.AspNetCore.Identity.IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var locations = await people.LocationIdsAsync(user);
        identity.AddClaim(new Claim(UserClaims.Locations, locations is null ? "all" : string.Join(',', locations)));
        if (user.MustChangePassword) identity.AddClaim(new Claim(UserClaims.MustChangePassword, "true"));
        return identity;
    }
}

/// <summary>Fills the request's <see cref="Actor"/> from the signed-in user or the API key.</summary>
public static class ActorMiddleware
{
    public static IApplicationBuilder UseActor(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var actor = http.RequestServices.GetRequiredService<Actor>();
            if (user.Identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName)
                actor.SetApiClient(user.FindFirstValue(ClaimTypes.Name) ?? "unknown");
            else
                actor.SetUser(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name ?? "",
                    Policies.RoleOf(user), UserClaims.LocationIds(user));
        }
        return next(http);
    });
}
