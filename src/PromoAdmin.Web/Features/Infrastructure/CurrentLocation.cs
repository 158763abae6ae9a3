using PromoAdmin.Domain.Locations;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>The location an admin works on, picked in the header and kept in a cookie.</summary>
public sealed class CurrentLocation(IHttpContextAccessor http, LocationService locations)
{
    public const string CookieName = "promoadmin.location";
    private (Location? Current, List<Location> All)? loaded;

    public async Task<Location?> GetAsync(CancellationToken ct = default) => (await LoadAsync(ct)).Current;

    public async Task<List<Location>> AllAsync(CancellationToken ct = default) => (await LoadAsync(ct)).All;

    public static void Set(HttpResponse response, string key) =>
        response.Cookies.Append(CookieName, key, new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365),
        });

    private async Task<(Location? Current, List<Location> All)> LoadAsync(CancellationToken ct)
    {
        if (loaded is { } l) return l;
        var all = await locations.AllAsync(ct);
        var key = http.HttpContext?.Request.Cookies[CookieName];
        var current = all.FirstOrDefault(x => x.Key == key) ?? all.FirstOrDefault();
        loaded = (current, all);
        return loaded.Value;
    }
}
