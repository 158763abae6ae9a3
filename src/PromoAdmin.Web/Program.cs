using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using PromoAdmin.Domain;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Users;
using PromoAdmin.Web.Features.Account;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Redemptions;

var builder = WebApplication.CreateBuilder(args);
if (!StartupChecks.SettingsAreValid(builder)) return 1;
var config = builder.Configuration;
var isDevelopment = builder.Environment.IsDevelopment();
// Run from the build output in any environment (the tests run as Testing), the static assets' compressed copies live under
// obj/: the build's manifest points there. A published app has them in wwwroot and no such manifest, and this does nothing.
builder.WebHost.UseStaticWebAssets();
// From the build output, MapStaticAssets would patch assets at run time as in Development (no-cache on every asset, an edited
// file re-sent uncompressed). Outside Development the build's assets and headers are served as they are, as when published:
// compressed, and a fingerprinted address cached for a year.
if (!isDevelopment) builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";

builder.AddPromoAdminLogging();

var (provider, connectionString) = DatabaseSetup.Resolve(config, builder.Environment.ContentRootPath);
builder.Services.AddPromoAdminDatabase(provider, connectionString);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMemoryCache();
builder.Services.AddHttpContextAccessor();
builder.Services.AddPromoAdminServices();
builder.Services.AddHostedService<PromoAdmin.Domain.Batches.BatchWorker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<PromoAdmin.Domain.Reports.ValidationCountWriter>());
builder.Services.AddValidatorsFromAssemblyContaining<PromoAdmin.Domain.Data.PromoAdminDbContext>(includeInternalTypes: true);
// Building a validator compiles its rules: the checkout's, which needs no database, is built once.
builder.Services.AddSingleton<IValidator<PromoAdmin.Domain.Redemptions.CheckoutRequest>, PromoAdmin.Domain.Redemptions.CheckoutRequestValidator>();
builder.Services.AddScoped<CurrentLocation>();
builder.Services.AddScoped<PromoAdmin.Web.Features.Shared.CodeSettingsForm>();

builder.Services.AddIdentity<AppUser, Microsoft.AspNetCore.Identity.IdentityRole>(o =>
    {
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.Password.RequiredLength = 10;
        o.User.RequireUniqueEmail = true;
    })
    .AddEntityFrameworkStores<PromoAdminDbContext>()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<AppUserClaimsFactory>();
builder.Services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
    .Configure<IServiceScopeFactory>((o, scopes) =>
    {
        o.LoginPath = "/account/sign-in";
        o.LogoutPath = "/account/sign-out";
        // A refused page or form post answers 403 where it was asked (the error page says why), not a redirect to a page
        // that answers 403: a script or a test sees the refusal in the status.
        o.Events.OnRedirectToAccessDenied = ctx =>
        {
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
        o.Cookie.Name = "promoadmin.auth";
        o.SlidingExpiration = true;
        // Sessions live on the server: signing out ends them everywhere, and a copied cookie stops working.
        o.SessionStore = new PromoAdmin.Web.Features.Account.SessionTicketStore(scopes);
        // API requests authenticate by key and are never redirected to the sign-in page.
        o.ForwardDefaultSelector = http => ErrorHandling.IsApi(http.Request) ? ApiKeyAuthenticationHandler.SchemeName : null;
    });
// Keys in the database: every app instance reads the same sign-in cookies and antiforgery tokens.
builder.Services.AddDataProtection().SetApplicationName("PromoAdmin").PersistKeysToDbContext<PromoAdminDbContext>();
builder.Services.AddSingleton<UnknownApiKeyBrake>();
builder.Services.AddAuthentication()
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "promoadmin.csrf";
    o.SuppressXFrameOptionsHeader = true; // SecurityHeaders forbids framing on every response, not only on forms
});

builder.Services.AddControllersWithViews(o =>
    {
        o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        o.Filters.Add(new ProblemContentType());
        // The checkout body is checked by CheckoutRequestValidator inside the service; MVC's own walk of it found nothing
        // (no data annotations) and cost 2% of a validate request.
        o.ModelMetadataDetailsProviders.Add(new SuppressChildValidationMetadataProvider(typeof(PromoAdmin.Domain.Redemptions.CheckoutRequest)));
    })
    .AddJsonOptions(o =>
    {
        // Enums are their documented strings only: a number is a 400 naming the field, not a value outside the enum.
        o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        o.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    });
builder.Services.Configure<RazorViewEngineOptions>(o =>
{
    // Feature folders: a screen's controller and views sit together under Features/.
    o.ViewLocationFormats.Clear();
    o.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
    o.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
});
builder.Services.AddCheckoutRateLimits(config);
builder.Services.AddErrorHandling();
builder.Services.AddPromoAdminOpenApi();
builder.Services.AddPromoAdminMetrics(config);
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [DatabaseHealthCheck.ReadyTag]);

var app = builder.Build();

var seedDemo = config.GetValue("Seed:Demo", isDevelopment);
if (!await StartupChecks.PrepareAsync(app, seedDemo))
{
    await app.DisposeAsync(); // writes out the log's buffer: the line saying why is the last thing the app does
    return 1;
}

app.UseSecurityHeaders();
app.UsePromoAdminObservability();
app.UseErrorHandling();
app.UseApiDocs(); // before sign-in: the docs page is open, and calls from it send an API key
app.UseRouting();
app.UseAuthentication();
app.UseActor();
// A temporary password must be changed before anything else opens (docs/rules.md#users).
app.UseForcedPasswordChange();
app.UseAuthorization();
// After authorization, so that the checkout limits partition by the API client the key identified.
app.UseRateLimiter();

app.MapHealthChecks("/health/live", DatabaseHealthCheck.Live).AllowAnonymous();
app.MapHealthChecks("/health/ready", DatabaseHealthCheck.Ready).AllowAnonymous();
// The older address: the same checks as ready, answered in plain text ("Healthy").
app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = DatabaseHealthCheck.Ready.Predicate }).AllowAnonymous();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
// wwwroot, compressed (gzip, and brotli when published) and fingerprinted at build, with ETags and cache headers. Short-circuited
// as UseStaticFiles was: answered by the routing middleware, before sign-in is read, so the sign-in page gets its CSS and JS
// signed out, the forced password change never redirects an asset, and no asset request reads a session. The security
// headers, set before routing, still go on every asset.
app.MapStaticAssets().ShortCircuit();
// WithStaticAssets: asp-append-version writes an asset's fingerprinted address, which is cached for a year.
app.MapControllers().WithStaticAssets();

app.LogStartupBanner(seedDemo);

app.Run();
return 0;

public partial class Program;
