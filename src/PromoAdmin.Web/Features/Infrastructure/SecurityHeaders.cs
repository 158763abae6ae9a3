namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>
/// The browser hardening headers on every response, errors and static files included (docs/errors.md): scripts and
/// styles only from the app itself, no framing, no MIME sniffing, no referrer outside the app.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API docs page (Swagger UI, a third-party renderer) sets inline styles as it draws; its scripts stay the app's own.</summary>
    private static readonly string DocsPolicy = ContentSecurityPolicy.Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        // Set as the response starts: the exception handler clears headers set earlier, and antiforgery adds its own framing header.
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api/docs") ? DocsPolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
