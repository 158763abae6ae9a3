using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Account;

/// <summary>
/// While the session carries <see cref="UserClaims.MustChangePassword"/> (signed in with a temporary password), every page
/// but the change-password page and sign-out sends the user to change it (docs/rules.md#users). The API and static files
/// are not concerned: API requests authenticate by key, static assets are answered by routing, before sign-in is read (Program.cs).
/// </summary>
public static class ForcedPasswordChange
{
    public const string PasswordPath = "/account/password";
    private const string SignOutPath = "/account/sign-out";

    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var path = http.Request.Path;
        if (http.User.HasClaim(c => c.Type == UserClaims.MustChangePassword)
            && !ErrorHandling.IsApi(http.Request)
            && !path.StartsWithSegments(PasswordPath, StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments(SignOutPath, StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Redirect(PasswordPath);
            return Task.CompletedTask;
        }
        return next(http);
    });
}
