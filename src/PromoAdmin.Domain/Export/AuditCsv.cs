using System.Globalization;
using CsvHelper;
using PromoAdmin.Domain.Audit;

namespace PromoAdmin.Domain.Export;

/// <summary>Writes the audit export (docs/rules.md#audit), row by row as the entries arrive (memory stays flat).</summary>
public static class AuditCsv
{
    public static readonly string[] Header = ["At (UTC)", "Actor", "Actor Type", "Location", "Entity Type", "Entity Id", "Entity Name", "Action", "Count", "Changes"];

    public static async Task WriteAsync(IAsyncEnumerable<AuditEntry> rows, TextWriter writer, CancellationToken ct = default)
    {
        await using var csv = new CsvWriter(writer, PromoCodeCsv.Configuration, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        await csv.NextRecordAsync();
        var n = 0;
        await foreach (var e in rows.WithCancellation(ct))
        {
            csv.WriteField(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            csv.WriteField(e.Actor);
            csv.WriteField(e.ActorType);
            csv.WriteField(e.LocationKey ?? "");
            csv.WriteField(e.EntityType);
            csv.WriteField(e.EntityId ?? "");
            csv.WriteField(e.EntityName ?? "");
            csv.WriteField(e.Action);
            csv.WriteField(e.Count?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(string.Join("; ", AuditLog.ChangesOf(e).Select(c => $"{c.Field}: {c.From ?? "(none)"} → {c.To ?? "(none)"}")));
            await csv.NextRecordAsync();
            if (++n % 1000 == 0) await writer.FlushAsync(ct);
        }
        await csv.FlushAsync();
    }
}
