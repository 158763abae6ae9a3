using System.Globalization;
using System.Linq.Expressions;
using CsvHelper;
using CsvHelper.Configuration;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Domain.Export;

/// <summary>One exported code: exactly what the CSV needs, projected in the database (<see cref="PromoCodeCsv.ToCsvRows"/>).</summary>
public sealed record PromoCodeCsvRow(
    string Code, string? Description, string? GroupName, RedemptionType RedemptionType, PromoCodes.ValueScope ValueType, decimal Amount,
    int? Quantity, int TimesUsed, bool InternalOnly, bool Combinable, DateOnly? PurchaseStart, DateOnly? PurchaseEnd,
    DateOnly? BookingStart, DateOnly? BookingEnd, TimeOnly? BookingTimeStart, TimeOnly? BookingTimeEnd, BookingDays DaysOfWeek)
{
    /// <summary>Null when empty (the database says so, so an empty list is never read as JSON: a million rows' worth).</summary>
    public IReadOnlyList<string>? ApplicableGroups { get; init; }
    public IReadOnlyList<string>? ExcludedItems { get; init; }
    public IReadOnlyList<string>? ExcludedGroups { get; init; }
    public bool IncludeGiftCards { get; init; }
    public BookingDays PurchaseDaysOfWeek { get; init; }
    public TimeOnly? PurchaseTimeStart { get; init; }
    public TimeOnly? PurchaseTimeEnd { get; init; }
    public int? UsesPerCustomer { get; init; }
    public UsagePeriod UsesPerCustomerPeriod { get; init; }
    public CodeStatus Status { get; init; }
    /// <summary>The customer a segment batch's code is assigned to; only a segment batch's export reads it.</summary>
    public PromoCodeCsvCustomer? Customer { get; init; }
}

public sealed record PromoCodeCsvCustomer(string Key, string Name, string? Email);

/// <summary>What a download writes: the rows, and whether they carry the customer columns (a segment batch's export).</summary>
public sealed record PromoCodeCsvExport(IAsyncEnumerable<PromoCodeCsvRow> Rows, bool Customers = false);

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
        // The columns above keep their names and order; newer settings follow.
        ("applicableGroups", ["Applicable Groups"]),
        ("excludedItems", ["Excluded Items"]),
        ("excludedGroups", ["Excluded Groups"]),
        ("includeGiftCards", ["Applies To Gift Cards"]),
        ("purchaseDaysOfWeek", ["Purchase Days"]),
        ("purchaseTime", ["Purchase Start Time", "Purchase End Time"]),
        ("usesPerCustomer", ["Uses Per Customer", "Uses Per Customer Period"]),
        (null, ["Status"]),
    ];

    /// <summary>The settings the export shows, read from the one list (an unknown key fails as the type loads).</summary>
    public static readonly IReadOnlyList<SettingField> Settings = [.. Columns
        .Where(c => c.Setting is not null)
        .Select(c => SettingFields.Find(c.Setting!) ?? throw new InvalidOperationException($"The CSV names an unknown setting '{c.Setting}'."))];

    public static readonly string[] Header = [.. Columns.SelectMany(c => c.Columns)];

    /// <summary>A segment batch's export adds these after <see cref="Header"/>: who each code is for.</summary>
    public static readonly string[] CustomerColumns = ["Customer Key", "Customer Name", "Customer Email"];

    private static readonly BookingDays[] Days = [BookingDays.Mon, BookingDays.Tue, BookingDays.Wed, BookingDays.Thu, BookingDays.Fri, BookingDays.Sat, BookingDays.Sun];

    public static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture)
    {
        // OWASP CSV injection: a cell starting with = + - @ tab or CR is prefixed so spreadsheets show it as text.
        InjectionOptions = InjectionOptions.Escape,
    };

    public static Task WriteAsync(IAsyncEnumerable<PromoCodeCsvRow> rows, TextWriter writer, CancellationToken ct = default) =>
        WriteAsync(new PromoCodeCsvExport(rows), writer, ct);

    public static async Task WriteAsync(PromoCodeCsvExport export, TextWriter writer, CancellationToken ct = default)
    {
        await using var csv = new CsvWriter(writer, Configuration, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        if (export.Customers) foreach (var h in CustomerColumns) csv.WriteField(h);
        await csv.NextRecordAsync();
        var n = 0;
        await foreach (var row in export.Rows.WithCancellation(ct))
        {
            WriteRow(csv, row);
            if (export.Customers)
            {
                csv.WriteField(row.Customer?.Key ?? "");
                csv.WriteField(row.Customer?.Name ?? "");
                csv.WriteField(row.Customer?.Email ?? "");
            }
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
        csv.WriteField(r.ApplicableGroups is null ? "" : string.Join(' ', r.ApplicableGroups));
        csv.WriteField(r.ExcludedItems is null ? "" : string.Join(' ', r.ExcludedItems));
        csv.WriteField(r.ExcludedGroups is null ? "" : string.Join(' ', r.ExcludedGroups));
        csv.WriteField(YesNo(r.IncludeGiftCards));
        csv.WriteField(string.Join(' ', Days.Where(d => r.PurchaseDaysOfWeek.HasFlag(d)).Select(d => d.ToString())));
        csv.WriteField(PromoCodeInput.FormatTime(r.PurchaseTimeStart) ?? "");
        csv.WriteField(PromoCodeInput.FormatTime(r.PurchaseTimeEnd) ?? "");
        csv.WriteField(r.UsesPerCustomer?.ToString(CultureInfo.InvariantCulture) ?? "");
        csv.WriteField(r.UsesPerCustomer is null ? "" : r.UsesPerCustomerPeriod.ToString());
        csv.WriteField(r.Status.Name());
    }

    /// <summary>
    /// The one projection of codes onto export rows (the list's export and a batch's), run by the database but for the
    /// status, which is worked out as each row arrives from the code's facts, its batch's switches (<paramref name="batches"/>)
    /// and <paramref name="today"/> at its location.
    /// <paramref name="customers"/> joins the assigned customer: only a segment batch's export pays for that join.
    /// </summary>
    public static IQueryable<PromoCodeCsvRow> ToCsvRows(this IQueryable<PromoCode> codes, LocationToday today, BatchSwitches batches, bool customers = false)
    {
        Expression<Func<PromoCode, PromoCodeCsvRow>> row = c => new PromoCodeCsvRow(
            c.Code, c.Description, c.Group != null ? c.Group.Name : null, c.RedemptionType, c.ValueType, c.Amount, c.Inventory.Quantity, c.Inventory.TimesUsed,
            c.InternalOnly, c.Combinable, c.PurchaseStart, c.PurchaseEnd, c.BookingStart, c.BookingEnd, c.BookingTimeStart, c.BookingTimeEnd,
            c.DaysOfWeek)
        {
            ApplicableGroups = c.ApplicableGroups.Count == 0 ? null : c.ApplicableGroups,
            ExcludedItems = c.ExcludedItems.Count == 0 ? null : c.ExcludedItems,
            ExcludedGroups = c.ExcludedGroups.Count == 0 ? null : c.ExcludedGroups, IncludeGiftCards = c.IncludeGiftCards,
            PurchaseDaysOfWeek = c.PurchaseDaysOfWeek, PurchaseTimeStart = c.PurchaseTimeStart, PurchaseTimeEnd = c.PurchaseTimeEnd,
            UsesPerCustomer = c.UsesPerCustomer, UsesPerCustomerPeriod = c.UsesPerCustomerPeriod,
            // The code's switches with its batch's, by the batch's id as each row arrives (no join).
            Status = PromoCodeStatus.Of(BatchSwitches.Facts(batches, c.BatchId, c.IsArchived, c.Enabled, c.Inventory.Quantity, c.PurchaseStart, c.PurchaseEnd),
                LocationToday.At(today, c.LocationId)),
        };
        if (!customers) return codes.Select(row);
        Expression<Func<PromoCode, PromoCodeCsvCustomer?>> customer = c => c.AssignedCustomer == null ? null
            : new PromoCodeCsvCustomer(c.AssignedCustomer.Key, c.AssignedCustomer.Name, c.AssignedCustomer.Email);
        var init = (MemberInitExpression)row.Body;
        var withCustomer = Expression.MemberInit(init.NewExpression,
            [.. init.Bindings, Expression.Bind(typeof(PromoCodeCsvRow).GetProperty(nameof(PromoCodeCsvRow.Customer))!, Predicates.Inline(customer, row.Parameters[0]))]);
        return codes.Select(Expression.Lambda<Func<PromoCode, PromoCodeCsvRow>>(withCustomer, row.Parameters));
    }

    private static string YesNo(bool b) => b ? "Yes" : "No";

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
