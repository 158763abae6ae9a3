using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.Reports;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Reports;

/// <summary>The reports of docs/rules.md#reports; each takes <c>days</c> (30 or 90), <c>locationKey</c>, <c>groupId</c>, <c>campaignId</c>, <c>batchId</c>.</summary>
[Tags("Reports")]
[Route("api/v1/reports")]
public sealed class ReportsApiController(ReportQueries reports, LocationService locations) : AdminApiController
{
    /// <summary>Redemptions still applied and the discount they gave, each day.</summary>
    [HttpGet("redemptions-daily")]
    public async Task<List<DayTotal>> RedemptionsDaily([FromQuery] ReportQuery query, CancellationToken ct) =>
        await reports.RedemptionsDailyAsync(await FilterAsync(query, ct), ct);

    /// <summary>The ten codes with the most redemptions and the ten that gave the most discount.</summary>
    [HttpGet("top-codes")]
    public async Task<TopCodes> TopCodes([FromQuery] ReportQuery query, CancellationToken ct) =>
        await reports.TopCodesAsync(await FilterAsync(query, ct), ct);

    /// <summary>Checkouts refused, per day and reason.</summary>
    [HttpGet("refusals-daily")]
    public async Task<List<RefusalDay>> RefusalsDaily([FromQuery] ReportQuery query, CancellationToken ct) =>
        await reports.RefusalsDailyAsync(await FilterAsync(query, ct), ct);

    /// <summary>Each batch's codes, how many were redeemed and the discount given.</summary>
    [HttpGet("batch-usage")]
    public async Task<List<BatchUsageRow>> BatchUsage([FromQuery] ReportQuery query, CancellationToken ct) =>
        await reports.BatchUsageAsync(await FilterAsync(query, ct), ct);

    /// <summary>Hand-made codes whose purchase window ends within 7 days.</summary>
    [HttpGet("expiring-soon")]
    public async Task<List<WatchedCode>> ExpiringSoon([FromQuery] ReportQuery query, CancellationToken ct) =>
        await reports.ExpiringSoonAsync(await FilterAsync(query, ct), ct);

    /// <summary>Hand-made codes with fewer than a tenth of their uses left.</summary>
    [HttpGet("running-low")]
    public async Task<List<WatchedCode>> RunningLow([FromQuery] ReportQuery query, CancellationToken ct) =>
        await reports.RunningLowAsync(await FilterAsync(query, ct), ct);

    private Task<ReportFilter> FilterAsync(ReportQuery query, CancellationToken ct) => query.ResolveAsync(locations, ct);
}

/// <summary>The reports' query string, the API's and the Reports page's alike.</summary>
public sealed record ReportQuery(int? Days, string? LocationKey, int? GroupId, int? CampaignId, int? BatchId)
{
    /// <summary>The filter it asks for, or every mistake at once, each named (docs/errors.md).</summary>
    public async Task<ReportFilter> ResolveAsync(LocationService locations, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var days = Days ?? 30;
        if (!ReportFilter.AllowedDays.Contains(days)) errors["days"] = ["days must be 30 or 90."];
        int? locationId = null;
        if (!string.IsNullOrEmpty(LocationKey))
        {
            if (await locations.FindByKeyAsync(LocationKey, ct) is { } location) locationId = location.Id;
            else errors["locationKey"] = [LocationService.UnknownMessage(LocationKey)];
        }
        if (errors.Count > 0) throw new DomainValidationException(errors);
        return new ReportFilter(locationId, days, GroupId, CampaignId, BatchId);
    }
}
