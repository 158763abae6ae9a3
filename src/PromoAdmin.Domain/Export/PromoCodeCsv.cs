using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Domain.Export;

/// <summary>One exported code: exactly what the CSV needs, projected in the database.</summary>
public sealed record PromoCodeCsvRow(
    string Code, string? Description, string? GroupName, RedemptionType RedemptionType, PromoCodes.ValueScope ValueType, decimal Amount,
    int? Quantity, int TimesUsed, bool InternalOnly, bool Combinable, DateOnly? PurchaseStart, DateOnly? PurchaseEnd,
    DateOnly? BookingStart, DateOnly? BookingEnd, TimeOnly? BookingTimeStart, TimeOnly? BookingTimeEnd, BookingDays DaysOfWeek);

/// <summary>Writes the promo codes export (docs/rules.md#csv), row by row as the rows arrive (memory stays flat).</summary>
public static class PromoCodeCsv
{
    /// <summary>
    /// The columns in their fixed order (docs/rules.md#csv), each under the setting of <see cref="SettingFields"/> it shows
    /// (null: the code itself). The header is a contract, so a new setting gets a column only by a deliberate entry here.
    /// </summary>
    private static readonly (string? Setting, string[] Columns)[] Columns =
    [
        (null, ["Promo Code"]),
        ("description", ["Description"]),
        ("groupId", ["Promo Code Group"]),
        ("redemptionType", ["Redemption Type"]),
        ("valueType", ["Value Type"]),
        ("amount", ["Value Amount"]),
        ("quantity", ["Quantity", "Times Used", "Remaining"]),
        ("internalOnly", ["Internal Only"]),
        ("combinable", ["Combineable"]),
        ("purchaseDates", ["Purchase Date Range", "Purchase Start Date", "Purchase End Date"]),
        ("bookingDates", ["Event Date Range", "Event Start Date", "Event End Date"]),
        ("bookingTime", ["Event Time Range", "Event Start Time", "Event End Time"]),
        ("daysOfWeek", ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
    ];

    /// <summary>The settings the export shows, read from the one list (an unknown key fails as the type loads).</summary>
    public static readonly IReadOnlyList<SettingField> Settings = [.. Columns
        .Where(c => c.Setting is not null)
        .Select(c => SettingFields.Find(c.Setting!) ?? throw new InvalidOperationException($"The CSV names an unknown setting '{c.Setting}'."))];

    public static readonly string[] Header = [.. Columns.SelectMany(c => c.Columns)];

    private static readonly BookingDays[] Days = [BookingDays.Mon, BookingDays.Tue, BookingDays.Wed, BookingDays.Thu, BookingDays.Fri, BookingDays.Sat, BookingDays.Sun];

    public static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture)
    {
        // OWASP CSV injection: a cell starting with = + - @ tab or CR is prefixed so spreadsheets show it as text.
        InjectionOptions = InjectionOptions.Escape,
    };

    public static async Task WriteAsync(IAsyncEnumerable<PromoCodeCsvRow> rows, TextWriter writer, CancellationToken ct = default)
    {
        await using var csv = new CsvWriter(writer, Configuration, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        await csv.NextRecordAsync();
        var n = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            WriteRow(csv, row);
            await csv.NextRecordAsync();
            // Push each chunk to the response instead of buffering the whole export.
            if (++n % 1000 == 0) await writer.FlushAsync(ct);
        }
        await csv.FlushAsync();
    }

    private static void WriteRow(CsvWriter csv, PromoCodeCsvRow r)
    {
        var anyPurchase = r.PurchaseStart is not null || r.PurchaseEnd is not null;
        var anyBooking = r.BookingStart is not null || r.BookingEnd is not null;
        var anyTime = r.BookingTimeStart is not null || r.BookingTimeEnd is not null;
        csv.WriteField(r.Code);
        csv.WriteField(r.Description ?? "");
        csv.WriteField(r.GroupName ?? "");
        csv.WriteField(r.RedemptionType.Label());
        csv.WriteField(r.ValueType.Label());
        csv.WriteField(r.Amount.ToString("0.00", CultureInfo.InvariantCulture));
        csv.WriteField(r.Quantity is int q ? (q + r.TimesUsed).ToString(CultureInfo.InvariantCulture) : "Unlimited");
        csv.WriteField(r.TimesUsed.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(r.Quantity is int remaining ? remaining.ToString(CultureInfo.InvariantCulture) : "Unlimited");
        csv.WriteField(YesNo(r.InternalOnly));
        csv.WriteField(YesNo(r.Combinable));
        csv.WriteField(anyPurchase ? "Available between dates" : "Available any dates");
        csv.WriteField(Date(r.PurchaseStart));
        csv.WriteField(Date(r.PurchaseEnd));
        csv.WriteField(anyBooking ? "Available between dates" : "Available any dates");
        csv.WriteField(Date(r.BookingStart));
        csv.WriteField(Date(r.BookingEnd));
        csv.WriteField(anyTime ? "Available between times" : "Available any times");
        csv.WriteField(PromoCodeInput.FormatTime(r.BookingTimeStart) ?? "");
        csv.WriteField(PromoCodeInput.FormatTime(r.BookingTimeEnd) ?? "");
        foreach (var day in Days)
            csv.WriteField(YesNo(r.DaysOfWeek == BookingDays.None || r.DaysOfWeek.HasFlag(day)));
    }

    private static string YesNo(bool b) => b ? "Yes" : "No";

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
