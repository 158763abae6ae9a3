using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Audit;

/// <summary>
/// The audit page's filters, as they travel in the URL. Dates are whole days in the current location's time zone (the one
/// the page shows times in when an entry has no location), both ends included.
/// </summary>
public sealed class AuditPageFilter
{
    public string? EntityType { get; set; }
    public string? Actor { get; set; }
    public string? Action { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Text { get; set; }

    public bool Any => !string.IsNullOrEmpty(EntityType) || !string.IsNullOrEmpty(Actor) || !string.IsNullOrEmpty(Action) || From is not null
                       || To is not null || !string.IsNullOrEmpty(Text);

    public AuditFilter ToFilter(TimeZoneInfo zone) => new(EntityType, null, Actor, Action,
        From is { } f ? LocalTime.StartOfDay(f, zone) : null, To is { } t ? LocalTime.StartOfDay(t.AddDays(1), zone) : null, Text);
}

public sealed record AuditListModel(AuditPageFilter Filter, Page<AuditEntry> Page, Pager Pager, IReadOnlyList<string> Actors)
{
    public static readonly IReadOnlyList<string> EntityTypes = Constants(typeof(AuditEntities));
    public static readonly IReadOnlyList<string> Actions = Constants(typeof(AuditActions));

    private static List<string> Constants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal)];
}

public sealed record CodeHistoryModel(PromoCode Code, Page<AuditEntry> Page, Pager Pager);

/// <summary>The audit trail's pages: every entry (filtered, paged, exported) and one code's History tab. Read only.</summary>
public sealed class AuditController(AuditQueries audit) : Controller
{
    private const int MaxActors = 200;

    [HttpGet("audit"), Authorize(Policy = Policies.ViewAudit)]
    public async Task<IActionResult> Index([FromQuery] AuditPageFilter filter, [FromServices] CurrentLocation currentLocation, int page = 1,
        CancellationToken ct = default)
    {
        var result = await audit.ListAsync(filter.ToFilter(await ZoneAsync(currentLocation, ct)), new PageRequest(page), ct);
        return View(new AuditListModel(filter, result, new Pager(result.PageNumber, result.PageSize, result.Total, Request), await audit.ActorsAsync(MaxActors, ct)));
    }

    /// <summary>The filtered entries as CSV: the whole match, not one page.</summary>
    [HttpGet("audit/export"), Authorize(Policy = Policies.Administer)]
    public async Task<IActionResult> Export([FromQuery] AuditPageFilter filter, [FromServices] CurrentLocation currentLocation, CancellationToken ct) =>
        CsvDownload.ForAudit(await audit.ExportRowsAsync(filter.ToFilter(await ZoneAsync(currentLocation, ct)), ct));

    private static async Task<TimeZoneInfo> ZoneAsync(CurrentLocation currentLocation, CancellationToken ct) =>
        LocalTime.Zone((await currentLocation.GetAsync(ct))?.TimeZone);

    /// <summary>A code's History tab: for everyone who may view the code (its location's, or an all-locations code).</summary>
    [HttpGet("promo-codes/{id:int}/history")]
    public async Task<IActionResult> CodeHistory(int id, [FromServices] PromoCodeService codes, [FromServices] CurrentLocation currentLocation,
        int page = 1, CancellationToken ct = default)
    {
        var code = await codes.FindAsync(id, ct);
        var current = await currentLocation.GetAsync(ct);
        if (code is null || (code.LocationId != current?.Id && !code.AllLocations)) return NotFound();
        var result = await audit.ForEntityAsync(AuditEntities.PromoCode, id, new PageRequest(page), ct);
        return View("History", new CodeHistoryModel(code, result, new Pager(result.PageNumber, result.PageSize, result.Total, Request)));
    }
}
