using System.Globalization;
using CsvHelper;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Domain.Reports;

namespace PromoAdmin.Domain.Export;

/// <summary>
/// The Reports page's CSV files (docs/rules.md#reports), one per report: days as yyyy-MM-dd (the location's calendar days)
/// and invariant numbers, like every CSV of the app (docs/rules.md#times-and-money).
/// </summary>
public static class ReportCsv
{
    /// <summary>The reports that have a CSV, by the name in their URL (the API's names).</summary>
    public static readonly string[] Names = ["redemptions-daily", "top-codes", "refusals-daily", "batch-usage", "expiring-soon", "running-low"];

    public static Task RedemptionsDailyAsync(IEnumerable<DayTotal> days, TextWriter writer) =>
        WriteAsync(writer, ["Day", "Redemptions", "Discount"], days.Select(d => new[] { Day(d.Day), N(d.Redemptions), N(d.Discount) }));

    public static Task TopCodesAsync(TopCodes top, TextWriter writer) =>
        WriteAsync(writer, ["Ranking", "Rank", "Code", "Redemptions", "Discount"],
            top.ByRedemptions.Select((c, i) => new[] { "redemptions", N(i + 1), c.Code, N(c.Redemptions), N(c.Discount) })
                .Concat(top.ByDiscount.Select((c, i) => new[] { "discount", N(i + 1), c.Code, N(c.Redemptions), N(c.Discount) })));

    public static Task RefusalsDailyAsync(IEnumerable<RefusalDay> refusals, TextWriter writer) =>
        WriteAsync(writer, ["Day", "Reason", "Reason Label", "Count"], refusals.Select(r => new[] { Day(r.Day), r.Reason, ReasonLabel(r.Reason), N(r.Count) }));

    public static Task BatchUsageAsync(IEnumerable<BatchUsageRow> rows, TextWriter writer) =>
        WriteAsync(writer, ["Batch Id", "Batch", "Codes", "Codes Redeemed", "Discount"],
            rows.Select(b => new[] { N(b.BatchId), b.Name, N(b.CodesTotal), N(b.CodesRedeemed), N(b.DiscountGiven) }));

    public static Task WatchedAsync(IEnumerable<WatchedCode> codes, TextWriter writer) =>
        WriteAsync(writer, ["Id", "Code", "Purchase End", "Remaining", "Used"],
            codes.Select(c => new[] { N(c.Id), c.Code, c.PurchaseEnd is { } d ? Day(d) : "", c.Remaining is { } r ? N(r) : "", N(c.Used) }));

    /// <summary>A refusal reason in words, as the Diagnose page names its check (the code itself when unknown).</summary>
    public static string ReasonLabel(string reason) => RejectionReasonNames.FromCode(reason) is { } known ? known.Label : reason;

    private static async Task WriteAsync(TextWriter writer, string[] header, IEnumerable<string[]> rows)
    {
        await using var csv = new CsvWriter(writer, PromoCodeCsv.Configuration, leaveOpen: true);
        foreach (var h in header) csv.WriteField(h);
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            foreach (var field in row) csv.WriteField(field);
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(decimal n) => n.ToString(CultureInfo.InvariantCulture);

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
