using Microsoft.AspNetCore.Authorization;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Users;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>The pages' permissions by role (docs/rules.md#roles) and the API's scopes (docs/api.md#authentication).</summary>
public static class Policies
{
    public const string ManageCodes = "ManageCodes";
    public const string GenerateBatches = "GenerateBatches";
    public const string DownloadData = "DownloadData";
    public const string Diagnose = "Diagnose";
    public const string ManageReferenceData = "ManageReferenceData";
    public const string ManageApiClients = "ManageApiClients";
    public const string ApiCheckout = "ApiCheckout";
    public const string ApiAdmin = "ApiAdmin";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(ManageCodes, p => p.RequireRole(Roles.Admin, Roles.Manager));
        o.AddPolicy(GenerateBatches, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.CustomerService));
        o.AddPolicy(DownloadData, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.CustomerService));
        o.AddPolicy(Diagnose, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.CustomerService));
        o.AddPolicy(ManageReferenceData, p => p.RequireRole(Roles.Admin, Roles.Manager));
        o.AddPolicy(ManageApiClients, p => p.RequireRole(Roles.Admin));
        o.AddPolicy(ApiCheckout, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiScopes.Checkout));
        o.AddPolicy(ApiAdmin, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiScopes.Admin));
        // A new page is closed until it is opened on purpose.
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
