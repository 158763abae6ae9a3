using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PromoAdmin.Domain.Common;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>
/// The two error pipelines of docs/errors.md: API requests (<c>/api/...</c>) always get problem+json, never HTML or a
/// redirect; pages get an error page in the app's layout, whatever the HTTP method.
/// </summary>
public static class ErrorHandling
{
    /// <summary>An API request: everything under /api except the browsable docs page, which is a page for people.</summary>
    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/docs");

    /// <summary>Status 499 (nginx's "client closed request"): the client went away; nothing is sent and nothing is wrong.</summary>
    public const int ClientClosedRequest = 499;

    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // RFC 9457: "about:blank" when the status says it all; every problem carries the trace id for support.
            ctx.ProblemDetails.Type ??= "about:blank";
            ctx.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ExceptionAnswer>();
        services.Configure<ApiBehaviorOptions>(o => o.InvalidModelStateResponseFactory = ApiValidation.Answer);
        return services;
    }

    public static IApplicationBuilder UseErrorHandling(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Pages: the exception answer below picks the status; the error page is rendered for it, for any method.
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = ExceptionAnswer.StatusOf,
            AllowStatusCode404Response = true,
            // ExceptionAnswer logs each exception once, at the level it deserves.
            SuppressDiagnosticsCallback = _ => true,
        });
        app.UseWhen(ctx => IsApi(ctx.Request), api => api.UseStatusCodePages(async ctx =>
            await WriteProblemAsync(ctx.HttpContext, ctx.HttpContext.Response.StatusCode)));
        app.UseWhen(ctx => !IsApi(ctx.Request), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }

    /// <summary>Writes a problem+json answer with the app's defaults (type, title, traceId).</summary>
    public static ValueTask WriteProblemAsync(HttpContext http, int status, string? title = null, string? detail = null)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title ?? TitleOf(status), Detail = detail },
        });
    }

    public static string TitleOf(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        413 => "Request body too large",
        415 => "Unsupported media type",
        422 => "Unprocessable request",
        429 => "Too many requests",
        ClientClosedRequest => "Client closed request",
        503 => "Service unavailable",
        _ => status >= 500 ? "Server error" : "Request failed",
    };
}

/// <summary>
/// The one place an exception becomes an answer: the domain's exceptions are 400/403/404, a bad request Kestrel refused
/// keeps its status (413, ...), a client that went away is 499 and logged at Information, anything else is a 500
/// logged at Error with its trace id. API requests are answered here; pages are re-rendered by the error page.
/// </summary>
public sealed class ExceptionAnswer(ILogger<ExceptionAnswer> log) : IExceptionHandler
{
    public static int StatusOf(Exception ex) => ex switch
    {
        DomainValidationException => 400,
        NotFoundException => 404,
        ForbiddenActionException => 403,
        BadHttpRequestException b => b.StatusCode,
        _ => 500, // a timeout of our own included: only the client going away is not an error

    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (http, ex, ct) = (httpContext, exception, cancellationToken);
        // The middleware has already pointed the request at the error page: the feature keeps the path that failed.
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : http.Request.Path;
        var cancelled = ex is OperationCanceledException && http.RequestAborted.IsCancellationRequested;
        var status = cancelled ? ErrorHandling.ClientClosedRequest : StatusOf(ex);
        if (!cancelled && status >= 500)
            log.LogError(ex, "Unhandled error on {Method} {Path} ({TraceId})", http.Request.Method, path, http.TraceIdentifier);
        else
            log.LogInformation("{Method} {Path} ended with {Status}: {Reason}", http.Request.Method, path, status, ex.Message);

        if (cancelled)
        {
            http.Response.StatusCode = status;
            return true; // nobody is listening
        }
        if (!ErrorHandling.IsApi(path)) return false; // the error page renders it
        if (ex is DomainValidationException v)
        {
            http.Response.StatusCode = 400;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
                {
                    Status = 400, Title = "One or more fields are invalid",
                },
            });
            return true;
        }
        await ErrorHandling.WriteProblemAsync(http, status, detail: status < 500 ? ex.Message : "The error has been logged with this trace id.");
        return true;
    }
}

/// <summary>
/// A malformed API body answers 400 with the fields keyed by their camelCase JSON path (<c>lines[3].unitPrice</c>) and
/// messages in the product's words: the JSON reader's own messages name .NET types, which mean nothing to a client.
/// </summary>
public static partial class ApiValidation
{
    public static IActionResult Answer(ActionContext context)
    {
        var errors = new Dictionary<string, List<string>>();
        var bodyParameters = context.ActionDescriptor.Parameters
            .Where(p => p.BindingInfo?.BindingSource == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body)
            .Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var hasJsonErrors = context.ModelState.Keys.Any(k => k.StartsWith('$'));
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.Errors.Count == 0) continue;
            var isBody = bodyParameters.Contains(key) || key.Length == 0;
            // "The request field is required." beside a JSON error says nothing new.
            if (isBody && hasJsonErrors) continue;
            var field = isBody ? "body" : FieldOf(key);
            foreach (var error in entry.Errors)
            {
                var message = isBody ? "Send a JSON body." : MessageOf(field, error.ErrorMessage);
                if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
                if (!list.Contains(message)) list.Add(message);
            }
        }
        return Problem(context.HttpContext, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>A 400 validation problem with these field errors (camelCase JSON paths).</summary>
    public static BadRequestObjectResult Problem(HttpContext http, IReadOnlyDictionary<string, string[]> errors)
    {
        var state = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
        foreach (var (field, messages) in errors)
            foreach (var m in messages) state.AddModelError(field, m);
        var factory = http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.Infrastructure.ProblemDetailsFactory>();
        return new BadRequestObjectResult(factory.CreateValidationProblemDetails(http, state, 400, "One or more fields are invalid"))
        {
            ContentTypes = { "application/problem+json" },
        };
    }

    /// <summary>"$.lines[0].UnitPrice" or "Lines[0].UnitPrice" → "lines[0].unitPrice"; "$" → "body".</summary>
    public static string FieldOf(string key)
    {
        var path = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key.StartsWith('$') ? key[1..] : key;
        return path.Length == 0 ? "body" : DomainValidationException.ToCamelPath(path);
    }

    /// <summary>The JSON reader's message, without .NET type names or reader positions.</summary>
    public static string MessageOf(string field, string message)
    {
        var conversion = ConvertedTo().Match(message);
        if (conversion.Success) return $"{field} must be {Expectation(conversion.Groups["type"].Value)}.";
        if (message.Contains("System.", StringComparison.Ordinal) || message.Contains("PromoAdmin.", StringComparison.Ordinal))
            return $"{field} has a value of the wrong type.";
        var position = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (position > 0) message = message[..position];
        if (message.Contains("LineNumber", StringComparison.Ordinal) || message.Contains("is an invalid", StringComparison.Ordinal)
            || message.Contains("expected", StringComparison.OrdinalIgnoreCase))
            return "The body is not valid JSON: " + message.TrimEnd('.') + ".";
        return message;
    }

    private static string Expectation(string typeName)
    {
        var inner = NullableOf().Match(typeName) is { Success: true } m ? m.Groups["inner"].Value : typeName;
        var type = Type.GetType(inner) ?? AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("PromoAdmin", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(inner)).FirstOrDefault(t => t is not null);
        if (type is { IsEnum: true })
            return "one of: " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName));
        return inner switch
        {
            "System.Decimal" or "System.Double" => "a number within range",
            "System.Int32" or "System.Int64" => "a whole number within range",
            "System.Boolean" => "true or false",
            "System.String" => "a string",
            "System.DateOnly" => "a date (yyyy-MM-dd)",
            "System.DateTimeOffset" or "System.DateTime" => "a date and time (ISO 8601, e.g. 2026-03-01T10:00:00Z)",
            "System.TimeOnly" => "a time (HH:mm)",
            _ when inner.Contains("List", StringComparison.Ordinal) || inner.EndsWith("[]", StringComparison.Ordinal) => "an array",
            _ => "a value of the documented shape",
        };
    }

    [GeneratedRegex(@"could not be converted to (?<type>[^ ]+?)\.? Path:", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"^System\.Nullable`1\[\[?(?<inner>[^,\]]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NullableOf();
}

/// <summary>
/// Problem answers are problem+json whatever the action's <c>[Produces]</c> says; runs last among result filters.
/// </summary>
public sealed class ProblemContentType : IAlwaysRunResultFilter, IOrderedFilter
{
    public int Order => int.MaxValue;

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is ObjectResult { Value: ProblemDetails } result)
        {
            result.ContentTypes.Clear();
            result.ContentTypes.Add("application/problem+json");
        }
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}
