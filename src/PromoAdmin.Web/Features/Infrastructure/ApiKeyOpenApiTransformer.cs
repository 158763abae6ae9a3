using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>Tells readers of the OpenAPI document that every /api call sends X-Api-Key.</summary>
public sealed class ApiKeyOpenApiTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "PromoAdmin API";
        document.Info.Description = "Promo codes, groups, batches and checkout evaluation. Authenticate with the X-Api-Key header; scopes: checkout, admin.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API client's key, created on the API clients page.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
        return Task.CompletedTask;
    }
}
