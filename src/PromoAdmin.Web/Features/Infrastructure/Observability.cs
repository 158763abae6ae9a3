using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Controllers;
using OpenTelemetry.Metrics;
using PromoAdmin.Domain.Common;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>The log and the metrics an operator reads (docs/operations.md).</summary>
public static class Observability
{
    /// <summary>
    /// Serilog, its levels from the <c>Serilog</c> configuration section (appsettings.json, overridable by environment:
    /// <c>Serilog__MinimumLevel__Default=Debug</c>). Production writes one compact JSON object per line, Development a
    /// readable line.
    /// </summary>
    public static WebApplicationBuilder AddPromoAdminLogging(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddSerilog((services, log) =>
        {
            log.ReadFrom.Configuration(config)
                .ReadFrom.Services(services) // sinks registered in the container (the tests read the log through one)
                .Enrich.FromLogContext();
            // The older switch, kept: the same as Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore=Information.
            if (config.GetValue("Database:LogCommands", false)) log.MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Information);
            // Formatted and written on a background thread: a request pays for a queue insert, not a console write under a
            // lock (docs/benchmarks.md, 2026-12-08). Blocks rather than drops when the queue is full: no line is lost.
            log.WriteTo.Async(sink => Console(sink, isDevelopment), bufferSize: 10_000, blockWhenFull: true);
        }, preserveStaticLogger: true); // each host its own logger: the static one would mix the logs of hosts in one process (the tests run several)
        return builder;
    }

    /// <summary>The console's format, for the app's logger and the one line of a start that stops before it exists.</summary>
    public static LoggerConfiguration Console(Serilog.Configuration.LoggerSinkConfiguration sink, bool isDevelopment) => isDevelopment
        ? sink.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}", formatProvider: CultureInfo.InvariantCulture)
        : sink.Console(new CompactJsonFormatter());

    /// <summary>OpenTelemetry metrics for <c>/metrics</c>: request durations (ASP.NET Core's own meters) and the product's counters.</summary>
    public static IServiceCollection AddPromoAdminMetrics(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Metrics").Get<MetricsOptions>() ?? new MetricsOptions();
        services.AddSingleton(options);
        if (!options.Enabled) return services;
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(PromoAdminMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
            // A scrape reads the counters as they are now (the default would serve a copy up to 300 ms old).
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> (to the networks <see cref="MetricsOptions.AllowedNetworks"/> names, anyone when none), then one log
    /// line per request. First in the pipeline after the security headers: a scrape writes no request line.
    /// </summary>
    public static WebApplication UsePromoAdminObservability(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<MetricsOptions>();
        if (metrics.Enabled)
        {
            var networks = metrics.AllowedNetworks.Select(IPNetwork.Parse).ToArray();
            app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Request.Path == MetricsOptions.Path && MetricsOptions.Allows(networks, http.Connection.RemoteIpAddress));
            // Anyone else: 404, as for an address that does not exist (not the sign-in page's redirect).
            app.Use((http, next) =>
            {
                if (http.Request.Path != MetricsOptions.Path) return next(http);
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        }
        // A valid validate or a ping, the bulk of checkout traffic, is logged one in this many (docs/operations.md#logs):
        // a line for each cost validate a fifth of its throughput and pushed its p99 over 10 ms (docs/benchmarks.md).
        var oneIn = (app.Configuration.GetSection("RequestLog").Get<RequestLogOptions>() ?? new RequestLogOptions()).ValidChecksLoggedOneIn;
        var routine = new StrongBox<long>();
        // Outside the error handling: one line per request with its final status, whatever went wrong inside.
        app.UseSerilogRequestLogging(o =>
        {
            // This host's logger: without it the middleware writes to the static one, which each host leaves alone.
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0} ms";
            o.GetLevel = (http, elapsedMs, ex) =>
            {
                var level = RequestLog.LevelOf(http, elapsedMs, ex);
                return level == LogEventLevel.Information && oneIn > 1 && RequestLog.IsRoutine(http) && Interlocked.Increment(ref routine.Value) % oneIn != 0
                    ? LogEventLevel.Verbose : level;
            };
            o.EnrichDiagnosticContext = (line, http) =>
            {
                RequestLog.Enrich(line, http);
                if (oneIn > 1 && RequestLog.IsRoutine(http)) line.Set("SampledOneIn", oneIn);
            };
        });
        return app;
    }

    /// <summary>The start-up banner as log events: JSON lines in production, readable lines in Development.</summary>
    public static void LogStartupBanner(this WebApplication app, bool seedDemo) => app.Lifetime.ApplicationStarted.Register(() =>
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PromoAdmin");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses) log.LogInformation("PromoAdmin is running at {Address}", address);
        if (!seedDemo) return;
        log.LogInformation("Demo sign-ins (password {DemoPassword}):", StartupTasks.DemoPassword);
        foreach (var (email, role) in StartupTasks.DemoUsers) log.LogInformation("  {Role,-16} {Email}", role, email);
    });
}

/// <summary><c>RequestLog</c> settings (docs/operations.md#logs).</summary>
public sealed class RequestLogOptions
{
    /// <summary>A valid validate or a ping is logged one in this many; 1 logs every one.</summary>
    [Range(1, 1_000_000)]
    public int ValidChecksLoggedOneIn { get; set; } = 100;
}

/// <summary>Who may read <c>/metrics</c> (configuration section <c>Metrics</c>).</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Path = "/metrics";
    public bool Enabled { get; set; } = true;
    /// <summary>Networks in CIDR notation (<c>10.0.0.0/8</c>, <c>127.0.0.1/32</c>) allowed to read <c>/metrics</c>; none: anyone.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in AllowedNetworks)
            if (!IPNetwork.TryParse(network, out _))
                yield return new($"'{network}' is not allowed: each must be a network in CIDR notation, such as 10.0.0.0/8.", [nameof(AllowedNetworks)]);
    }

    public static bool Allows(IPNetwork[] networks, IPAddress? address)
    {
        if (networks.Length == 0) return true;
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in networks)
            if (network.Contains(address)) return true;
        return false;
    }
}

/// <summary>
/// The request line: one per API call and page at Information, with the route, the caller (user or API client) and the
/// location; 401 and 429 at Warning, a client that went away at Debug, errors at Error; static assets, health checks and
/// the API description at Debug unless slow or failed (an unhealthy health check at Warning).
/// </summary>
public static class RequestLog
{
    private const string SuppressKey = "promoadmin.suppress-request-log", LocationKey = "promoadmin.request-location", RoutineKey = "promoadmin.routine-check";

    /// <summary>Lets a request opt out of the line (unknown API keys have their own, once a minute per address).</summary>
    public static void Suppress(HttpContext http) => http.Items[SuppressKey] = true;

    public static bool IsSuppressed(HttpContext http) => http.Items.ContainsKey(SuppressKey);

    /// <summary>A valid validate or a ping: its line is sampled (<c>RequestLog:ValidChecksLoggedOneIn</c>); refusals and errors never are.</summary>
    public static void MarkRoutine(HttpContext http) => http.Items[RoutineKey] = true;

    public static bool IsRoutine(HttpContext http) => http.Items.ContainsKey(RoutineKey);

    /// <summary>The location a request acts for, when it is in the body (checkout): the line's <c>LocationKey</c>.</summary>
    public static void SetLocation(HttpContext http, string? key)
    {
        if (!string.IsNullOrEmpty(key)) http.Items[LocationKey] = key;
    }

    /// <summary>The request's route template (<c>/api/v1/checkout/validate</c>), or its path when none matched.</summary>
    public static string RouteOf(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } ? (route.StartsWith('/') ? route : "/" + route) : http.Request.Path.Value ?? "/";

    public static LogEventLevel LevelOf(HttpContext http, double elapsedMs, Exception? ex)
    {
        if (IsSuppressed(http)) return LogEventLevel.Verbose;
        var status = http.Response.StatusCode;
        // The client went away: nothing of ours failed.
        if (http.RequestAborted.IsCancellationRequested || status == ErrorHandling.ClientClosedRequest) return LogEventLevel.Debug;
        // An unhealthy answer of a health check is its job, not a failure of the request.
        if (ex is not null || status >= 500) return ex is null && http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Warning : LogEventLevel.Error;
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status429TooManyRequests || elapsedMs > 1000) return LogEventLevel.Warning;
        return IsPageOrApi(http) ? LogEventLevel.Information : LogEventLevel.Debug;
    }

    /// <summary>A controller action: a page or an API call (not an asset, a health check, the API description).</summary>
    private static bool IsPageOrApi(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>() is not null;

    public static void Enrich(IDiagnosticContext line, HttpContext http)
    {
        line.Set("Route", RouteOf(http));
        line.Set("ClientAddress", http.Connection.RemoteIpAddress?.ToString());
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (user.Identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName)
            {
                line.Set("ApiClient", user.FindFirstValue(ClaimTypes.Name));
                line.Set("ApiClientId", user.FindFirstValue(ClaimTypes.NameIdentifier));
            }
            else
            {
                line.Set("User", user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name);
                line.Set("UserId", user.FindFirstValue(ClaimTypes.NameIdentifier));
            }
        }
        // The body's (checkout), the query's (API calls that act from a location), or the one picked in the header (pages).
        var location = http.Items.TryGetValue(LocationKey, out var set) ? set as string
            : http.Request.Query.TryGetValue("locationKey", out var query) && query.Count > 0 ? query[0]
            : ErrorHandling.IsApi(http.Request) ? null : http.Request.Cookies[CurrentLocation.CookieName];
        if (location is { Length: > 0 and <= 100 }) line.Set("LocationKey", location); // a cookie's value may be anything: not a screenful
    }
}
