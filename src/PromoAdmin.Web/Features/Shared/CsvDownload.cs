using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Export;

namespace PromoAdmin.Web.Features.Shared;

/// <summary>
/// The one CSV download of the app (pages and API alike): promo code rows (or the audit trail's entries, or redemptions) streamed as an
/// attachment named "&lt;name&gt;-&lt;yyyyMMdd-HHmmss&gt;.csv" (UTC, from the injected clock). Memory stays flat whatever the row count.
/// </summary>
public sealed class CsvDownload : IActionResult
{
    private readonly Func<TextWriter, CancellationToken, Task> write;
    private readonly string name;

    public CsvDownload(IAsyncEnumerable<PromoCodeCsvRow> rows, string name) : this(new PromoCodeCsvExport(rows), name)
    {
    }

    public CsvDownload(PromoCodeCsvExport export, string name) : this((writer, ct) => PromoCodeCsv.WriteAsync(export, writer, ct), name)
    {
    }

    private CsvDownload(Func<TextWriter, CancellationToken, Task> write, string name) => (this.write, this.name) = (write, name);

    /// <summary>The audit export: <c>audit-20260301-101500.csv</c> (docs/rules.md#audit).</summary>
    public static CsvDownload ForAudit(IAsyncEnumerable<PromoAdmin.Domain.Audit.AuditEntry> entries) =>
        new((writer, ct) => AuditCsv.WriteAsync(entries, writer, ct), "audit");

    /// <summary>The Redemptions page's export: <c>redemptions-20260301-101500.csv</c> (docs/rules.md#redemptions).</summary>
    public static CsvDownload ForRedemptions(IAsyncEnumerable<PromoAdmin.Domain.Redemptions.RedemptionRow> rows) =>
        new((writer, ct) => RedemptionCsv.WriteAsync(rows, writer, ct), "redemptions");

    /// <summary>A report of the Reports page: <c>report-top-codes-20260301-101500.csv</c> (docs/rules.md#reports).</summary>
    public static CsvDownload ForReport(string report, Func<TextWriter, Task> write) => new((writer, _) => write(writer), "report-" + report);

    /// <summary>A batch's export: <c>batch-12-spring-sale-20260301-101500.csv</c>.</summary>
    public static CsvDownload ForBatch(PromoCodeCsvExport export, int id, string batchName)
    {
        var slug = new string(batchName.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return new CsvDownload(export, $"batch-{id}-{(slug.Length > 40 ? slug[..40] : slug)}");
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture, $"attachment; filename=\"{name}-{now:yyyyMMdd-HHmmss}.csv\"");
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), bufferSize: 64 * 1024);
        await write(writer, http.RequestAborted);
    }
}
