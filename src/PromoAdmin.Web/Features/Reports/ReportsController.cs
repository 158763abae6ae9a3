using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Export;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.Reports;
using PromoAdmin.Domain.Settings;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Reports;

/// <summary>The reports of one filter, ready for the page (null when the filter could not be read).</summary>
public sealed record ReportData(
    IReadOnlyList<DayTotal> Daily, TopCodes Top, IReadOnlyList<RefusalDay> Refusals, IReadOnlyList<BatchUsageRow> Batches,
    IReadOnlyList<WatchedCode> Expiring, IReadOnlyList<WatchedCode> RunningLow);

public sealed record ReportsPageModel(
    ReportQuery Query, string LocationKey, IReadOnlyList<Location> Locations, ReportChoices Choices, ReportData? Data, MoneyFormat Money,
    IReadOnlyDictionary<string, string[]> Errors)
{
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? messages[0] : null;

    /// <summary>The filter as a query string, for the CSV links: the location always named, "" for all of them.</summary>
    public string QueryString => ToQueryString(Query with { LocationKey = LocationKey });

    public static string ToQueryString(ReportQuery q) =>
        "?" + string.Join('&', new[]
        {
            $"days={q.Days ?? 30}", $"locationKey={Uri.EscapeDataString(q.LocationKey ?? "")}",
            q.GroupId is { } g ? $"groupId={g}" : null, q.CampaignId is { } c ? $"campaignId={c}" : null, q.BatchId is { } b ? $"batchId={b}" : null,
        }.Where(p => p is not null).Select(p => FormattableString.Invariant($"{p}")));
}

/// <summary>
/// The Reports page (docs/rules.md#reports): the reports of <see cref="ReportQueries"/> as SVG charts, each with its
/// table and CSV, for the location picked in the header unless the filter names another (or all, with an empty key).
/// </summary>
[Route("reports")]
public sealed class ReportsController(ReportQueries reports, LocationService locations, CurrentLocation current, AccountSettingsService account) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ReportQuery query, CancellationToken ct)
    {
        query = await WithLocationAsync(query, ct);
        IReadOnlyDictionary<string, string[]> errors = BindingErrors();
        ReportFilter? filter = null;
        if (errors.Count == 0)
        {
            try
            {
                filter = await query.ResolveAsync(locations, ct);
            }
            catch (DomainValidationException ex)
            {
                // A filter that cannot be read shows nothing rather than something it did not ask for.
                errors = ex.Errors;
            }
        }
        ReportData? data = null;
        if (filter is not null)
            data = new ReportData(await reports.RedemptionsDailyAsync(filter, ct), await reports.TopCodesAsync(filter, ct), await reports.RefusalsDailyAsync(filter, ct),
                await reports.BatchUsageAsync(filter, ct), await reports.ExpiringSoonAsync(filter, ct), await reports.RunningLowAsync(filter, ct));
        var choices = await reports.ChoicesAsync(filter ?? new ReportFilter(), ct);
        var settings = await account.GetAsync(ct);
        return View(new ReportsPageModel(query, query.LocationKey ?? "", await current.AllAsync(ct), choices, data, MoneyFormat.For(settings.Currency), errors));
    }

    /// <summary>One report's rows as CSV, with the page's filter; a filter that cannot be read goes back to the page, which says why.</summary>
    [HttpGet("{report}.csv"), Authorize(Policy = Policies.DownloadData)]
    public async Task<IActionResult> Csv(string report, [FromQuery] ReportQuery query, CancellationToken ct)
    {
        if (!ReportCsv.Names.Contains(report)) return NotFound();
        query = await WithLocationAsync(query, ct);
        ReportFilter filter;
        try
        {
            if (BindingErrors() is { Count: > 0 } bad) throw new DomainValidationException(bad);
            filter = await query.ResolveAsync(locations, ct);
        }
        catch (DomainValidationException)
        {
            return Redirect(Url.Action(nameof(Index))! + Request.QueryString);
        }
        return CsvDownload.ForReport(report, await WriterAsync(report, filter, ct));
    }

    private async Task<Func<TextWriter, Task>> WriterAsync(string report, ReportFilter filter, CancellationToken ct) => report switch
    {
        "redemptions-daily" => ReportCsvWriter(await reports.RedemptionsDailyAsync(filter, ct), ReportCsv.RedemptionsDailyAsync),
        "top-codes" => ReportCsvWriter(await reports.TopCodesAsync(filter, ct), ReportCsv.TopCodesAsync),
        "refusals-daily" => ReportCsvWriter(await reports.RefusalsDailyAsync(filter, ct), ReportCsv.RefusalsDailyAsync),
        "batch-usage" => ReportCsvWriter(await reports.BatchUsageAsync(filter, ct), ReportCsv.BatchUsageAsync),
        "expiring-soon" => ReportCsvWriter(await reports.ExpiringSoonAsync(filter, ct), ReportCsv.WatchedAsync),
        _ => ReportCsvWriter(await reports.RunningLowAsync(filter, ct), ReportCsv.WatchedAsync),
    };

    private static Func<TextWriter, Task> ReportCsvWriter<T>(T rows, Func<T, TextWriter, Task> write) => w => write(rows, w);

    /// <summary>No location in the URL is the one picked in the header; an empty one is every location the user sees.</summary>
    private async Task<ReportQuery> WithLocationAsync(ReportQuery query, CancellationToken ct) =>
        Request.Query.ContainsKey("locationKey") ? query with { LocationKey = query.LocationKey ?? "" }
        : query with { LocationKey = (await current.GetAsync(ct))?.Key ?? "" };

    /// <summary>Numbers that are not numbers, named as the API names them.</summary>
    private Dictionary<string, string[]> BindingErrors() =>
        ModelState.Where(e => e.Value?.Errors.Count > 0).ToDictionary(
            e => CamelCase(e.Key[(e.Key.LastIndexOf('.') + 1)..]),
            e => new[] { $"{CamelCase(e.Key[(e.Key.LastIndexOf('.') + 1)..])} must be a whole number: \"{e.Value!.AttemptedValue}\" is not." });

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLower(name[0], CultureInfo.InvariantCulture) + name[1..];
}
