using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Batches;

/// <summary>
/// A batch's codes as text, one normalised code a line, written in the transaction that writes the codes: by the batch job
/// for each chunk it inserts in one statement, by the database context for a batch code added through EF Core (a clone, a
/// batch's first code), and by a code's update when it is renamed. Searching a code anywhere in its text is served by no index: reading these texts and searching
/// them in memory finds a few codes among a million in milliseconds where the database read every code (docs/benchmarks.md,
/// "searching anywhere in a million codes"). A line is a candidate only: the list still reads the code by its normalised
/// text and applies every filter, so a line whose code was renamed or never inserted (a clash) finds nothing.
/// </summary>
public class BatchCodeText
{
    public long Id { get; set; }
    public int BatchId { get; set; }
    public required string Codes { get; set; }

    /// <summary>
    /// A row's text stays under .NET's large object size (85,000 bytes), so that reading a million codes allocates short-lived
    /// strings the runtime collects cheaply, not 2 MB ones that each call a full collection nearer.
    /// </summary>
    private const int MostChars = 40_000;

    /// <summary>The rows that hold <paramref name="normalizedCodes"/> of a batch.</summary>
    public static IEnumerable<BatchCodeText> For(int batchId, IEnumerable<string> normalizedCodes)
    {
        var text = new System.Text.StringBuilder();
        foreach (var code in normalizedCodes)
        {
            if (text.Length > 0 && text.Length + 1 + code.Length > MostChars)
            {
                yield return new() { BatchId = batchId, Codes = text.ToString() };
                text.Clear();
            }
            if (text.Length > 0) text.Append('\n');
            text.Append(code);
        }
        if (text.Length > 0) yield return new() { BatchId = batchId, Codes = text.ToString() };
    }

    /// <summary>
    /// The normalised codes of the location's batches (or of one batch) that contain <paramref name="text"/> (normalised),
    /// or null when more than <paramref name="most"/> do (the caller then searches the database).
    /// </summary>
    public static async Task<List<string>?> FindAsync(PromoAdminDbContext db, int locationId, int? batchId, string text, int most, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var texts = batchId is int only
            ? db.BatchCodeTexts.Where(t => t.BatchId == only)
            : db.BatchCodeTexts.Where(t => db.Batches.Any(b => b.Id == t.BatchId && b.LocationId == locationId));
        await foreach (var codes in texts.AsNoTracking().Select(t => t.Codes).AsAsyncEnumerable().WithCancellation(ct))
        {
            var from = 0;
            while (from < codes.Length && codes.IndexOf(text, from, StringComparison.Ordinal) is var at and >= 0)
            {
                var start = at == 0 ? 0 : codes.LastIndexOf('\n', at - 1) + 1;
                var end = codes.IndexOf('\n', at);
                if (end < 0) end = codes.Length;
                if (found.Add(codes[start..end]) && found.Count > most) return null;
                from = end + 1; // the next line
            }
        }
        return [.. found];
    }
}
