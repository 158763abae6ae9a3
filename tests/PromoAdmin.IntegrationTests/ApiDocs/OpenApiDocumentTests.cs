using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.ApiDocs;

/// <summary>
/// The OpenAPI document a generated client trusts (docs/api.md#openapi-document): the committed copy is the live one, a
/// linter finds no error in it, and it says what the API really answers.
/// </summary>
public sealed class OpenApiDocumentTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> LiveDocumentAsync() =>
        await factory.ApiClient(null).GetStringAsync("/openapi/v1.json", Ct);

    [Fact]
    public async Task The_live_document_equals_the_committed_docs_openapi_json()
    {
        var live = JsonNode.Parse(await LiveDocumentAsync());
        var committedPath = Path.Combine(RepoRoot.Path, "docs", "openapi.json");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(committedPath, Ct));
        Assert.True(JsonNode.DeepEquals(live, committed),
            "docs/openapi.json differs from the app's /openapi/v1.json. Regenerate it: run the app (./build.sh run) and "
            + "`curl -s http://localhost:5199/openapi/v1.json > docs/openapi.json` (docs/api.md#openapi-document).");
    }

    [Fact]
    public async Task The_document_passes_the_redocly_linter_without_an_error()
    {
        var tools = Path.Combine(RepoRoot.Path, "tools", "openapi");
        var redocly = Path.Combine(tools, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: run ./build.sh test, or `npm ci` in tools/openapi.");
        var file = Path.Combine(Path.GetTempPath(), $"promoadmin-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await LiveDocumentAsync(), Ct);
        try
        {
            var start = new ProcessStartInfo(redocly)
            {
                ArgumentList = { "lint", file, "--config", Path.Combine(tools, "redocly.yaml"), "--format", "stylish" },
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = tools,
                Environment = { ["NO_COLOR"] = "1", ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(Ct);
            var stderr = process.StandardError.ReadToEndAsync(Ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout + await stderr;
            Assert.True(process.ExitCode == 0, $"redocly lint found errors (exit {process.ExitCode}):\n{output}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_docs_page_and_the_document_load_signed_out_and_every_operation_is_authorized_by_the_api_key()
    {
        var anonymous = factory.ApiClient(null);
        var page = await anonymous.GetAsync("/api/docs/index.html", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger-ui", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // The page's scripts are files (the policy allows no inline script): the initializer names the document.
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        var initializer = await anonymous.GetAsync("/api/docs/index.js", Ct);
        Assert.Equal(HttpStatusCode.OK, initializer.StatusCode);
        Assert.Contains("/openapi/v1.json", await initializer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var doc = await anonymous.GetAsync("/openapi/v1.json", Ct).ExpectAsync(HttpStatusCode.OK);
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        var operations = Operations(doc).ToList();
        Assert.True(operations.Count > 50, $"{operations.Count} operations");
        foreach (var (name, op) in operations)
            Assert.True(op.GetProperty("security").EnumerateArray().Any(r => r.TryGetProperty("ApiKey", out _)), $"{name} names no ApiKey security");
    }

    [Fact]
    public async Task The_document_says_what_the_api_answers_enums_statuses_errors_required_fields_tags_and_examples()
    {
        var doc = JsonDocument.Parse(await LiveDocumentAsync()).RootElement;
        var schemas = doc.GetProperty("components").GetProperty("schemas");

        // Enums are their camelCase strings, as JsonStringEnumConverter writes and reads them.
        var redemptionType = schemas.GetProperty("RedemptionType");
        Assert.Equal("string", redemptionType.GetProperty("type").GetString());
        Assert.Equal(["percentage", "value"], redemptionType.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["perTransaction", "perLineItem", "perQuantity"], schemas.GetProperty("ValueScope").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));

        // Creates answer 201 with a Location header, as the controllers do.
        foreach (var path in new[] { "/api/v1/promo-codes", "/api/v1/locations", "/api/v1/catalog-items", "/api/v1/api-clients", "/api/v1/users" })
        {
            var responses = doc.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("responses");
            Assert.False(responses.TryGetProperty("200", out _), path);
            Assert.True(responses.GetProperty("201").GetProperty("headers").TryGetProperty("Location", out _), path);
        }

        // Every operation documents its errors as problem+json with the ProblemDetails schema.
        foreach (var (name, op) in Operations(doc))
        {
            var responses = op.GetProperty("responses");
            foreach (var status in new[] { "401", "403", "429" })
                Assert.Equal("#/components/schemas/ProblemDetails",
                    responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("summary").GetString()), $"{name} has no summary");
            Assert.NotEqual(JsonValueKind.Undefined, op.GetProperty("tags")[0].ValueKind);
        }
        var redeem = doc.GetProperty("paths").GetProperty("/api/v1/checkout/redeem").GetProperty("post");
        foreach (var status in new[] { "400", "409", "422" })
            Assert.True(redeem.GetProperty("responses").GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status);
        Assert.True(doc.GetProperty("paths").GetProperty("/api/v1/promo-codes/{id}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));

        // Required: what the validator requires of a request, every property of an answer.
        Assert.Equal(["code", "locationKey"], schemas.GetProperty("CheckoutRequest").GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal(["key", "name", "timeZone"], schemas.GetProperty("LocationInput").GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal(["code", "discount", "display", "errors", "redemptionId", "valid"],
            schemas.GetProperty("RedeemResponse").GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());

        // Tags by resource; the checkout's examples.
        Assert.Equal(["Promo codes"], doc.GetProperty("paths").GetProperty("/api/v1/promo-codes").GetProperty("get").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Checkout", redeem.GetProperty("tags")[0].GetString());
        Assert.Equal("SUMMER10", redeem.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("code").GetString());
        Assert.Equal(981, redeem.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("redemptionId").GetInt32());
        var validate = doc.GetProperty("paths").GetProperty("/api/v1/checkout/validate").GetProperty("post");
        Assert.True(validate.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _));
        var voidOp = doc.GetProperty("paths").GetProperty("/api/v1/checkout/redemptions/{id}/void").GetProperty("post");
        Assert.Equal("voided", voidOp.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("status").GetString());
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement doc) =>
        from path in doc.GetProperty("paths").EnumerateObject()
        from op in path.Value.EnumerateObject()
        where op.Name is "get" or "post" or "put" or "delete" or "patch"
        select ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value);
}

/// <summary>The repository's root: the folder holding PromoAdmin.sln, above the test's build output.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PromoAdmin.sln"))) return dir.FullName;
        throw new InvalidOperationException("PromoAdmin.sln not found above " + AppContext.BaseDirectory);
    }
}
