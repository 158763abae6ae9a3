using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>
/// The OpenAPI document at /openapi/v1.json and the browsable page at /api/docs (docs/api.md#openapi-document): a document
/// a generated client can trust, with the statuses, errors, enum strings and required fields the API really answers.
/// </summary>
public static class ApiDocs
{
    public const string ProblemSchema = "ProblemDetails";
    public const string DocsPath = "/api/docs";

    public static IServiceCollection AddPromoAdminOpenApi(this IServiceCollection services)
    {
        // The document's schemas are drawn with the minimal-API JSON options: given the controllers' own, enums read as
        // the strings they travel as ("percentage"), not as numbers.
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>()
            .Configure<IOptions<Microsoft.AspNetCore.Mvc.JsonOptions>>((http, mvc) =>
            {
                var from = mvc.Value.JsonSerializerOptions;
                http.SerializerOptions.PropertyNamingPolicy = from.PropertyNamingPolicy;
                http.SerializerOptions.DefaultIgnoreCondition = from.DefaultIgnoreCondition;
                foreach (var converter in from.Converters) http.SerializerOptions.Converters.Add(converter);
                // The web defaults also read numbers sent as strings; the document says what to send: numbers.
                http.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            });
        services.AddOpenApi(o =>
        {
            // 3.0: what client generators (NSwag among them) read without surprises.
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true; // the versioned API, nothing else
            o.AddSchemaTransformer(RequiredByValidator);
            o.AddSchemaTransformer(EnumAsString);
            o.AddOperationTransformer<ApiOperationTransformer>();
            o.AddDocumentTransformer<ApiKeyOpenApiTransformer>();
            o.AddDocumentTransformer((document, _, _) =>
            {
                NullableReferences(document);
                MarkResponseFieldsRequired(document);
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>
    /// Swagger UI at /api/docs, open without signing in: a reader authorizes it with an API key (the Authorize button sends
    /// X-Api-Key on every "try it out"). Before authentication, as the page is for people without a session too.
    /// </summary>
    public static IApplicationBuilder UseApiDocs(this IApplicationBuilder app) => app.UseSwaggerUI(o =>
    {
        o.SwaggerEndpoint("/openapi/v1.json", "PromoAdmin API v1");
        o.RoutePrefix = DocsPath.TrimStart('/');
        o.DocumentTitle = "PromoAdmin API";
        o.EnableTryItOutByDefault();
    });

    /// <summary>An enum is its camelCase strings (JsonStringEnumConverter); "not given" is said where it is used.</summary>
    private static Task EnumAsString(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (!type.IsEnum || schema.Enum is null) return Task.CompletedTask;
        schema.Type = JsonSchemaType.String;
        schema.Enum = schema.Enum.Where(v => v is not null).ToList();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A property that may be null and refers to a schema reads <c>allOf: [ref], nullable: true</c> (OpenAPI 3.0's way),
    /// not a oneOf with a null-only branch, which client generators turn into odd types.
    /// </summary>
    private static void NullableReferences(Microsoft.OpenApi.OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
            foreach (var (name, property) in schema.Properties?.ToList() ?? [])
                if (property.OneOf is { Count: 2 } oneOf && oneOf.OfType<OpenApiSchemaReference>().SingleOrDefault() is { } reference
                    && reference.Reference.Id is { } id && schemas.TryGetValue(id, out var target))
                    // An object says so beside nullable (an example is checked against it); an enum does not, or client
                    // generators make it a plain string.
                    schema.Properties![name] = new OpenApiSchema
                    {
                        AllOf = [reference], Type = (target.Type == JsonSchemaType.Object ? JsonSchemaType.Object : 0) | JsonSchemaType.Null,
                        Description = property.Description,
                    };
    }

    /// <summary>A request body's required fields are the ones its validator requires unconditionally (NotNull, NotEmpty).</summary>
    private static Task RequiredByValidator(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonPropertyInfo is not null || schema.Properties is not { Count: > 0 }) return Task.CompletedTask;
        var validatorType = typeof(IValidator<>).MakeGenericType(context.JsonTypeInfo.Type);
        using var scope = context.ApplicationServices.CreateScope();
        if (scope.ServiceProvider.GetService(validatorType) is not IValidator validator) return Task.CompletedTask;
        foreach (var member in validator.CreateDescriptor().GetMembersWithValidators())
        {
            var required = member.Any(v => v.Validator is INotNullValidator or INotEmptyValidator && !v.Options.HasCondition && !v.Options.HasAsyncCondition);
            var name = context.JsonTypeInfo.Properties.FirstOrDefault(p => p.AttributeProvider is System.Reflection.MemberInfo m && m.Name == member.Key)?.Name;
            if (!required || name is null || !schema.Properties.ContainsKey(name)) continue;
            (schema.Required ??= new HashSet<string>()).Add(name);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every answer writes all its properties (null ones included), so a schema only answers use has every property required.
    /// A schema that is also sent keeps what its validator requires.
    /// </summary>
    private static void MarkResponseFieldsRequired(Microsoft.OpenApi.OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return;
        var sent = new HashSet<string>();
        var answered = new HashSet<string>();
        var operations = (document.Paths ?? new OpenApiPaths()).Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>());
        foreach (var operation in operations)
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? []) Collect(media.Schema, schemas, sent);
            foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
                if (status.StartsWith('2'))
                    foreach (var media in response.Content?.Values ?? []) Collect(media.Schema, schemas, answered);
        }
        foreach (var name in answered.Except(sent))
            if (schemas[name] is OpenApiSchema { Properties.Count: > 0 } schema)
                schema.Required = new HashSet<string>(schema.Properties.Keys);
    }

    private static void Collect(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, HashSet<string> names)
    {
        if (schema is null) return;
        if (schema is OpenApiSchemaReference reference)
        {
            var id = reference.Reference.Id;
            if (id is null || !names.Add(id) || !schemas.TryGetValue(id, out var target)) return;
            schema = target;
        }
        foreach (var property in schema.Properties?.Values ?? []) Collect(property, schemas, names);
        Collect(schema.Items, schemas, names);
        Collect(schema.AdditionalProperties, schemas, names);
        foreach (var s in (schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? [])) Collect(s, schemas, names);
    }
}

/// <summary>
/// Per operation: an id a client generator names methods by, the API key, the error answers the pipeline really gives
/// (problem+json, docs/errors.md), the Location header of a create, and the checkout's examples.
/// </summary>
public sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (description.ActionDescriptor is not ControllerActionDescriptor action) return Task.CompletedTask;
        var resource = action.ControllerName.EndsWith("Api", StringComparison.Ordinal) ? action.ControllerName[..^3] : action.ControllerName;
        operation.OperationId = $"{resource}_{action.ActionName}";
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyOpenApiTransformer.SchemeName, context.Document)] = [] }];
        operation.Responses ??= new OpenApiResponses();

        var sources = description.ParameterDescriptions.Select(p => p.Source).ToList();
        var takesInput = sources.Any(s => s == BindingSource.Body || s == BindingSource.Query || s == BindingSource.Header || s == BindingSource.ModelBinding);
        var takesId = sources.Contains(BindingSource.Path);
        var isRedeem = operation.OperationId == "Checkout_Redeem";
        // 403: a key without the scope, or acting on another location's code or batch; 429: the unknown-key brake (every
        // call) and the checkout's rate limit and guessing brake.
        int[] statuses = [.. takesInput ? [400] : Array.Empty<int>(), 401, 403, .. takesId ? [404] : Array.Empty<int>(),
            .. isRedeem ? [409, 422] : Array.Empty<int>(), 429];
        foreach (var status in statuses) AddProblem(operation, status, context.Document);

        var isCreate = description.HttpMethod == "POST" && !takesId;
        foreach (var (status, response) in operation.Responses)
        {
            if (isCreate && status is "201" or "202" && response is OpenApiResponse created)
                (created.Headers ??= new Dictionary<string, IOpenApiHeader>())["Location"] = new OpenApiHeader
                {
                    Description = "The address of the resource created.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
        }
        CheckoutExamples.Apply(operation);
        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiOperation operation, int status, Microsoft.OpenApi.OpenApiDocument? document)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses!.TryGetValue(key, out var existing) || existing is not OpenApiResponse response)
            operation.Responses[key] = response = new OpenApiResponse { Description = ErrorHandling.TitleOf(status) };
        response.Content ??= new Dictionary<string, OpenApiMediaType>();
        response.Content[ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ApiDocs.ProblemSchema, document) };
        if (status is 409 or 429)
            (response.Headers ??= new Dictionary<string, IOpenApiHeader>())["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before trying again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            };
    }
}

/// <summary>The checkout calls' examples (docs/api.md#checkout): what an integrator sends and gets back.</summary>
internal static class CheckoutExamples
{
    private const string Request = """
        { "code": "SUMMER10", "locationKey": "downtown", "channel": "online",
          "customer": { "key": "cust-1042", "isFirstOrder": false }, "purchaseAt": "2026-03-05T18:30:00-05:00",
          "appliedCodes": [], "shipping": 7.50,
          "lines": [ { "lineId": "1", "itemKey": "escape-room", "unitPrice": 30.00, "quantity": 4, "bookingDate": "2026-03-14", "bookingStartTime": "19:00" },
                     { "lineId": "2", "itemKey": "t-shirt", "unitPrice": 20.00, "quantity": 1, "bookingDate": null, "bookingStartTime": null } ],
          "orderNumber": "A-10042" }
        """;

    private const string Discount = """
        { "total": 14.00, "lines": [ { "lineId": "1", "amount": 12.00 }, { "lineId": "2", "amount": 2.00 } ],
          "shippingDiscount": 0, "freeShipping": false, "creditFromOverage": 0 }
        """;

    private const string Refusal = """
        [ { "reason": "order_minimum_not_met", "message": "Spend at least 150.00 to use this code; the order subtotal is 140.00." } ]
        """;

    public static void Apply(OpenApiOperation operation)
    {
        switch (operation.OperationId)
        {
            case "Checkout_Validate":
                SetRequest(operation, Request);
                SetResponse(operation, "200", $$"""{ "valid": true, "code": "SUMMER10", "display": "10% off your booking", "errors": [], "discount": {{Discount}} }""");
                break;
            case "Checkout_Redeem":
                SetRequest(operation, Request);
                SetResponse(operation, "200", $$"""{ "valid": true, "redemptionId": 981, "code": "SUMMER10", "display": "10% off your booking", "errors": [], "discount": {{Discount}} }""");
                SetResponse(operation, "422", $$"""{ "valid": false, "redemptionId": null, "code": "SUMMER10", "display": "10% off your booking", "errors": {{Refusal}}, "discount": null }""");
                break;
            case "Checkout_Void":
                SetResponse(operation, "200", """{ "redemptionId": 981, "status": "voided", "voidedNow": true }""");
                break;
        }
    }

    private static void SetRequest(OpenApiOperation operation, string json)
    {
        foreach (var media in operation.RequestBody?.Content?.Values ?? []) media.Example = JsonNode.Parse(json);
    }

    private static void SetResponse(OpenApiOperation operation, string status, string json)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response.Content?.TryGetValue("application/json", out var media) == true)
            media.Example = JsonNode.Parse(json);
    }
}
