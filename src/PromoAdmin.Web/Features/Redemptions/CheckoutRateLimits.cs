using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using PromoAdmin.Domain.Common;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Redemptions;

/// <summary>Per API client limits on the checkout endpoints (configuration section <c>RateLimiting</c>; checked at start-up by <see cref="SettingsCheck"/>).</summary>
public sealed class CheckoutRateLimitOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Requests a client may make per window.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 600;
    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 10;
    /// <summary>Unknown codes a client may ask for per <see cref="GuessWindowSeconds"/> before it is braked.</summary>
    [Range(1, 1_000_000)]
    public int GuessLimit { get; set; } = 30;
    [Range(1, 86_400)]
    public int GuessWindowSeconds { get; set; } = 60;
}

public static class CheckoutRateLimits
{
    public const string Policy = "checkout";

    public static IServiceCollection AddCheckoutRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("RateLimiting").Get<CheckoutRateLimitOptions>() ?? new CheckoutRateLimitOptions();
        services.AddSingleton(options);
        services.AddSingleton<GuessingBrake>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<PromoAdminMetrics>().RateLimitRefused(PromoAdminMetrics.RateLimit);
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(options.WindowSeconds);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ErrorHandling.WriteProblemAsync(context.HttpContext, 429, "Too many requests", "Rate limit for this API client reached.");
            };
            o.AddPolicy(Policy, http =>
            {
                if (!options.Enabled) return RateLimitPartition.GetNoLimiter("off");
                var client = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit, Window = TimeSpan.FromSeconds(options.WindowSeconds), QueueLimit = 0,
                });
            });
        });
        return services;
    }
}

/// <summary>
/// A brake on guessing codes: a client that asks for too many codes that do not exist in a short time gets 429 until the
/// window passes. Counted per app instance, like the rate limiter.
/// </summary>
public sealed class GuessingBrake(CheckoutRateLimitOptions options, TimeProvider clock, PromoAdminMetrics? metrics = null)
{
    private readonly ConcurrentDictionary<int, Window> windows = new();

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Count;
    }

    public void NoteNotFound(int clientId, int count = 1)
    {
        if (!options.Enabled) return;
        var now = clock.GetUtcNow();
        var w = windows.GetOrAdd(clientId, _ => new Window(now));
        lock (w)
        {
            if (now - w.Start > TimeSpan.FromSeconds(options.GuessWindowSeconds)) { w.Start = now; w.Count = 0; }
            w.Count += count;
        }
    }

    public bool IsBraked(int clientId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!options.Enabled || !windows.TryGetValue(clientId, out var w)) return false;
        var now = clock.GetUtcNow();
        lock (w)
        {
            var ends = w.Start + TimeSpan.FromSeconds(options.GuessWindowSeconds);
            if (now >= ends || w.Count < options.GuessLimit) return false;
            retryAfter = ends - now;
        }
        metrics?.RateLimitRefused(PromoAdminMetrics.GuessingBrake); // the caller answers 429
        return true;
    }
}
