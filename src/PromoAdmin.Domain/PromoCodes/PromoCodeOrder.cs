using System.Diagnostics.CodeAnalysis;

namespace PromoAdmin.Domain.PromoCodes;

/// <summary>Which codes a list shows: hand-made ones, batch codes, or both (docs/rules.md#lists).</summary>
public enum CodeSource { All, Manual, Batch }

/// <summary>The columns a list sorts on; <see cref="Created"/> is creation order, newest first by default.</summary>
public enum SortColumn { Created, Code, Amount, Remaining, Used, Updated }

/// <summary>A list's order: a column and a direction. Ties go by creation order in the same direction.</summary>
public sealed record PromoCodeOrder(SortColumn Column = SortColumn.Created, bool Descending = true)
{
    public static readonly PromoCodeOrder Newest = new();

    /// <summary>The names the UI and the API take, as they read in an address: <c>sort=used&amp;dir=desc</c>.</summary>
    public static string Name(SortColumn column) => column.ToString().ToLowerInvariant();

    public static string Name(CodeSource source) => source.ToString().ToLowerInvariant();

    public static readonly string SortMessage = $"Sort must be one of {string.Join(", ", Enum.GetValues<SortColumn>().Select(Name))}.";
    public const string DirMessage = "Dir must be asc or desc.";
    public static readonly string SourceMessage = $"Source must be one of {string.Join(", ", Enum.GetValues<CodeSource>().Select(Name))}.";

    /// <summary>The order an address asks for; false with the message for each part it does not know.</summary>
    public static bool TryParse(string? sort, string? dir, [NotNullWhen(true)] out PromoCodeOrder? order, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var column = SortColumn.Created;
        if (!string.IsNullOrEmpty(sort))
        {
            var known = Enum.GetValues<SortColumn>().Where(c => Name(c) == sort).ToList();
            if (known.Count == 1) column = known[0];
            else errors["sort"] = [SortMessage];
        }
        if (dir is not (null or "" or "asc" or "desc")) errors["dir"] = [DirMessage];
        if (errors.Count > 0) { order = null; return false; }
        // Codes read A to Z by default; every number and date column biggest or newest first.
        order = new PromoCodeOrder(column, dir switch { "asc" => false, "desc" => true, _ => column != SortColumn.Code });
        return true;
    }

    /// <summary>
    /// The source a list shows when the address names none: hand-made codes, which batches of thousands would otherwise
    /// bury; a list narrowed to one batch shows that batch's codes.
    /// </summary>
    public static CodeSource UsualSource(int? batchId) => batchId is null ? CodeSource.Manual : CodeSource.All;

    /// <summary>The source an address names; false for a name it does not know. None named: <see cref="UsualSource"/>.</summary>
    public static bool TryParseSource(string? text, int? batchId, out CodeSource source)
    {
        source = UsualSource(batchId);
        if (string.IsNullOrEmpty(text)) return true;
        foreach (var s in Enum.GetValues<CodeSource>())
            if (Name(s) == text) { source = s; return true; }
        return false;
    }
}
