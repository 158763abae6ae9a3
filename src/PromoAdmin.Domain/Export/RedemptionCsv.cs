using System.Globalization;
using CsvHelper;
using PromoAdmin.Domain.Redemptions;

namespace PromoAdmin.Domain.Export;

/// <summary>
/// Writes the Redemptions export (docs/rules.md#redemptions), row by row as they arrive: UTC times and invariant numbers,
/// like every CSV of the app (docs/rules.md#times-and-money).
/// </summary>
public static class RedemptionCsv
{
    public static readonly string[] Header =
    [
        "Id", "Code", "Order Number", "Customer Key", "Customer Name", "Customer Email", "Location", "Discount", "Shipping Discount",
        "Credit From Overage", "Channel", "Redeemed At (UTC)", "Redeemed By", "Status", "Voided At (UTC)",
    ];

    public static async Task WriteAsync(IAsyncEnumerable<RedemptionRow> rows, TextWriter writer, CancellationToken ct = default)
    {
        await using var csv = new CsvWriter(writer, PromoCodeCsv.Configuration, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        await csv.NextRecordAsync();
        var n = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            var r = row.Redemption;
            csv.WriteField(r.Id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.CodeText);
            csv.WriteField(r.OrderNumber);
            csv.WriteField(r.CustomerKey ?? "");
            csv.WriteField(r.CustomerName ?? "");
            csv.WriteField(r.CustomerEmail ?? "");
            csv.WriteField(row.LocationKey ?? "");
            csv.WriteField(r.Discount.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.ShippingDiscount.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.CreditFromOverage.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Channel);
            csv.WriteField(Utc(r.RedeemedAt));
            csv.WriteField(row.ApiClientName ?? "");
            csv.WriteField(r.Status == RedemptionStatus.Applied ? "applied" : "voided");
            csv.WriteField(r.VoidedAt is { } v ? Utc(v) : "");
            await csv.NextRecordAsync();
            if (++n % 1000 == 0) await writer.FlushAsync(ct);
        }
        await csv.FlushAsync();
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
