using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PromoAdmin.Domain.ApiClients;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>Authenticates API calls by their <c>X-Api-Key</c> header; answers 401/403/429 as problem+json.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiClientService clients, UnknownApiKeyBrake brake)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ScopeClaim = "scope";
    private TimeSpan? brakedFor;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrEmpty(values.ToString()))
            return AuthenticateResult.NoResult();
        var address = UnknownApiKeyBrake.AddressOf(Context);
        // A braked address is refused without looking at its key: otherwise the brake would still answer which keys exist.
        if (brake.IsBraked(address, out var retryAfter))
        {
            brakedFor = retryAfter;
            RequestLog.Suppress(Context);
            return AuthenticateResult.Fail("Too many unknown API keys from this address.");
        }
        var client = await clients.AuthenticateAsync(values.ToString(), Context.RequestAborted);
        if (client is null)
        {
            brake.NoteUnknownKey(address, RequestLog.RouteOf(Context));
            RequestLog.Suppress(Context);
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, client.Id.ToString(CultureInfo.InvariantCulture)), new(ClaimTypes.Name, client.Name) };
        claims.AddRange(client.Scopes.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (brakedFor is { } wait)
        {
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await ErrorHandling.WriteProblemAsync(Context, StatusCodes.Status429TooManyRequests, "Too many unknown API keys",
                "Too many requests with unknown API keys came from this address. Wait before trying again.");
            return;
        }
        Response.Headers.WWWAuthenticate = SchemeName;
        await ErrorHandling.WriteProblemAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", "Send a valid API key in the X-Api-Key header.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await ErrorHandling.WriteProblemAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This API key does not have the scope this endpoint needs.");
}

/// <summary>
/// Unknown API keys, counted per client address and minute: after <see cref="Limit"/> in a minute the address gets 429
/// for the rest of it. The log gets a line for an address's first unknown key in a minute and one when its brake goes on,
/// not one per request. Per app instance.
/// </summary>
public sealed class UnknownApiKeyBrake(TimeProvider clock, ILogger<UnknownApiKeyBrake> log, PromoAdmin.Domain.Common.PromoAdminMetrics? metrics = null)
{
    public const int Limit = 20;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Counter> counters = new();

    private sealed class Counter(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Count;
    }

    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public bool IsBraked(string address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!counters.TryGetValue(address, out var c)) return false;
        var now = clock.GetUtcNow();
        lock (c)
        {
            if (now - c.Start >= Window || c.Count < Limit) return false;
            retryAfter = c.Start + Window - now;
        }
        metrics?.RateLimitRefused(PromoAdmin.Domain.Common.PromoAdminMetrics.UnknownApiKeyBrake); // the handler answers 429
        return true;
    }

    /// <summary>Counts an unknown key from <paramref name="address"/> on <paramref name="route"/> (the key itself is never logged).</summary>
    public void NoteUnknownKey(string address, string route)
    {
        var now = clock.GetUtcNow();
        if (counters.Count > 10_000) Prune(now); // addresses that stopped long ago
        var c = counters.GetOrAdd(address, _ => new Counter(now));
        int count;
        DateTimeOffset until;
        lock (c)
        {
            if (now - c.Start >= Window) { c.Start = now; c.Count = 0; }
            count = ++c.Count;
            until = c.Start + Window;
        }
        if (count == 1)
            log.LogWarning("Unknown API key from {ClientAddress} on {Route}; further ones from this address are counted, not logged, until {Until:O} ({Limit} allowed, then 429)",
                address, route, until, Limit);
        else if (count == Limit)
            log.LogWarning("API key brake on for {ClientAddress} (last on {Route}): every request from it is answered 429 until {Until:O}", address, route, until);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, c) in counters)
            if (now - c.Start >= Window) counters.TryRemove(address, out _);
    }
}
