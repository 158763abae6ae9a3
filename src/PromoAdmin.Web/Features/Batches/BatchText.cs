using PromoAdmin.Domain.Batches;

namespace PromoAdmin.Web.Features.Batches;

/// <summary>How a batch reads on the pages.</summary>
public static class BatchText
{
    public static string StatusLabel(BatchStatus status) => status switch
    {
        BatchStatus.Generating => "Generating",
        BatchStatus.Ready => "Ready",
        _ => "Failed",
    };

    public static string StatusBadge(BatchStatus status) => status switch
    {
        BatchStatus.Generating => "text-bg-info",
        BatchStatus.Ready => "text-bg-success",
        _ => "text-bg-danger",
    };

    /// <summary>The JSON and data-attribute spelling of a status, as the progress script compares it.</summary>
    public static string StatusKey(BatchStatus status) => status.ToString().ToLowerInvariant();

    public static string Method(BatchSummary b) => b.Method == GenerationMethod.Segment ? "One per segment member" : "Number of codes";

    /// <summary>The batch-level changes that apply now: Disable or Enable, Archive or Unarchive, by the batch's switches.</summary>
    public static IEnumerable<BatchCodeChange> ChangesFor(BatchSummary b) =>
        [b.Disabled ? BatchCodeChange.Enable : BatchCodeChange.Disable, b.Archived ? BatchCodeChange.Unarchive : BatchCodeChange.Archive];

    /// <summary>A batch-level change as a button reads.</summary>
    public static string ChangeLabel(BatchCodeChange change) => change.ToString();

    /// <summary>What the confirmation asks.</summary>
    public static string ChangeQuestion(BatchCodeChange change, BatchSummary b)
    {
        var all = $"all {b.CodeCount:N0} code{(b.CodeCount == 1 ? "" : "s")} of batch {b.Name}";
        return change switch
        {
            BatchCodeChange.Disable => $"Disable {all}? Customers can no longer apply them until the batch is enabled again.",
            BatchCodeChange.Enable => $"Enable {all}? Codes disabled one by one stay disabled.",
            BatchCodeChange.Archive => $"Archive {all}? They move to the Archived promo codes tab and can no longer be applied.",
            _ => $"Unarchive {all}? They return to the Promo codes tab and can be applied again; codes archived one by one stay archived.",
        };
    }

    /// <summary>The message once done: how many codes changed (codes already in that state are not counted).</summary>
    public static string Changed(BatchCodeChange change, int count, string batchName)
    {
        var done = change.ToString().ToLowerInvariant() + "d";
        return count == 0
            ? $"Every code of {batchName} was already {done}."
            : $"{count:N0} code{(count == 1 ? "" : "s")} of {batchName} {done}.";
    }
}
