using PromoAdmin.Domain.Customers;
using PromoAdmin.Domain.Locations;

namespace PromoAdmin.Domain.Batches;

public enum GenerationMethod { Count, Segment }

public enum BatchStatus { Generating, Ready, Failed }

/// <summary>Codes generated together with one set of settings. Its codes are visible only once it is Ready.</summary>
public class Batch
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public Location Location { get; set; } = null!;
    public required string Name { get; set; }
    public GenerationMethod Method { get; set; }
    public int? SegmentId { get; set; }
    public Segment? Segment { get; set; }
    /// <summary>The segment's name when generated: the list filters on it even if the segment changes later.</summary>
    public string? SegmentName { get; set; }
    public int CodeLength { get; set; } = 10;
    public string? Prefix { get; set; }
    public int RequestedCount { get; set; }
    public int GeneratedCount { get; set; }
    public BatchStatus Status { get; set; }
    public string? FailureReason { get; set; }
    /// <summary>The code settings the batch was generated with (the API's <c>settings</c> object).</summary>
    public required string SettingsJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>
    /// The batch-level switch (docs/rules.md#batches): while on, every code of the batch reads as disabled, whatever its own
    /// Enabled says; off again, each code is back to its own. One row changes, whatever the batch's size.
    /// </summary>
    public bool Disabled { get; set; }
    /// <summary>As <see cref="Disabled"/>, for archived: the batch's codes are on the archived tab and refused at checkout.</summary>
    public bool Archived { get; set; }
}

public enum JobStatus { Queued, Running, Done, Failed }

/// <summary>The durable background job that generates a batch; any app instance may lease it.</summary>
public class BatchJob
{
    public int Id { get; set; }
    public int BatchId { get; set; }
    public JobStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
