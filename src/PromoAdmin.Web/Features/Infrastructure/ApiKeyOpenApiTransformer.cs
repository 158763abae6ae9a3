using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>
/// The document as a whole: its title, the X-Api-Key scheme every /api call is authorized by (each operation names it),
/// the resources' tags, and the problem+json shape every error answer has (docs/api.md#errors).
/// </summary>
public sealed class ApiKeyOpenApiTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "ApiKey";

    /// <summary>The tags, in the order docs/api.md describes the resources.</summary>
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Checkout", "Evaluate, redeem and void codes at checkout (scope checkout)."),
        ("Promo codes", "Promo codes: create, change, copy, clone, archive, bulk update, export."),
        ("Batches", "Generated batches of codes and their batch-level switches."),
        ("Groups", "Promo code groups and their default settings."),
        ("Locations", "Locations, referred to by their key."),
        ("Catalog items", "Catalog items, referred to by their key."),
        ("Variant targeting groups", "Groups of catalog items a code can target."),
        ("Customers", "Customers, referred to by their key."),
        ("Segments", "Customer segments."),
        ("Campaigns", "Campaigns and their budgets."),
        ("Lookups", "Offer types, P&L allocations and transaction types."),
        ("Redemptions", "Every redemption, also of deleted codes."),
        ("Reports", "The reports' figures."),
        ("API clients", "API clients and their keys."),
        ("Users", "People who sign in to the admin."),
        ("Settings", "The account settings."),
        ("Audit", "The audit trail, read only."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "PromoAdmin API";
        document.Info.Version = "v1";
        document.Info.Description = "Promo codes, groups, batches and checkout evaluation. Authenticate with the X-Api-Key header; scopes: checkout, admin. "
            + "Every error answer is application/problem+json.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://promoadmin.invalid/license") };
        // Relative: the document reads the same from every host (the committed copy equals the live one), and "try it out"
        // calls the host the page came from.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The host serving this document." }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API client's key, created on the API clients page.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ApiDocs.ProblemSchema] = ProblemDetailsSchema();
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        return Task.CompletedTask;
    }

    /// <summary>What ErrorHandling writes: RFC 9457 fields, the trace id always, field errors on a 400.</summary>
    private static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An error answer (RFC 9457).",
        Required = new HashSet<string> { "type", "title", "status", "traceId" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "about:blank when the status says it all." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it to support." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "400 only: messages keyed by the camelCase JSON path of the field (lines[3].unitPrice, body).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
