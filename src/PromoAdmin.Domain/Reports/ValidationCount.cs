using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Domain.Redemptions;

namespace PromoAdmin.Domain.Reports;

/// <summary>
/// How many checkout validations and redeems at a location, on its calendar day, ended one way for one code: <c>valid</c>,
/// <c>redeemed</c>, or the first reason a code was refused (docs/rules.md#reports). A counter, not a row per request.
/// </summary>
public class ValidationCount
{
    public long Id { get; set; }
    public int LocationId { get; set; }
    public DateOnly Day { get; set; }
    public required string Outcome { get; set; }
    /// <summary>0 when no code was found (the typed text matched none).</summary>
    public int PromoCodeId { get; set; }
    public long Count { get; set; }

    public const string Valid = "valid", Redeemed = "redeemed";
}

internal sealed class ValidationCountConfiguration : IEntityTypeConfiguration<ValidationCount>
{
    public void Configure(EntityTypeBuilder<ValidationCount> b)
    {
        b.Property(x => x.Outcome).HasMaxLength(40);
        // The counter's identity, what each flush adds to; reports read a location's days from it.
        b.HasIndex(x => new { x.LocationId, x.Day, x.Outcome, x.PromoCodeId }).IsUnique();
        // Per day across locations (an account-wide report).
        b.HasIndex(x => x.Day);
    }
}

/// <summary>
/// Counts checkout outcomes in memory, on the request's path only an increment; <see cref="ValidationCountWriter"/> adds
/// them to <see cref="ValidationCount"/> every few seconds and at shutdown. Every instance keeps its own and adds to the
/// same rows, so instances on one database count as one. A crash loses at most the last few seconds' counts.
/// The one place an outcome is counted: the same call moves the metrics' counters (<see cref="Common.PromoAdminMetrics"/>).
/// </summary>
public sealed class ValidationTally(Common.PromoAdminMetrics? metrics = null)
{
    public readonly record struct Key(int LocationId, DateOnly Day, string Outcome, int PromoCodeId);

    private readonly ConcurrentDictionary<Key, StrongBox<long>> counts = new();

    /// <param name="redeem">The outcome of a redeem (a refused redeem is counted as its reason, as a refused validate).</param>
    public void Count(CheckoutVerdict verdict, bool redeemed, bool redeem = false)
    {
        var refusal = verdict.IsValid ? null : (verdict.Result.Errors.Count > 0 ? verdict.Result.Errors[0].Reason : RejectionReason.CodeNotFound).Code;
        var outcome = refusal ?? (redeemed ? ValidationCount.Redeemed : ValidationCount.Valid);
        Add(new Key(verdict.LocationId, verdict.Day, outcome, verdict.Code?.Id ?? 0), 1);
        metrics?.CheckoutOutcome(redeem, refusal);
    }

    public void Add(Key key, long count) => Interlocked.Add(ref counts.GetOrAdd(key, static _ => new StrongBox<long>()).Value, count);

    /// <summary>The counts since the last call, each taken exactly once; days before yesterday that are done are forgotten.</summary>
    public List<(Key Key, long Count)> Take(DateOnly today)
    {
        var taken = new List<(Key, long)>();
        foreach (var (key, box) in counts)
        {
            var count = Interlocked.Exchange(ref box.Value, 0);
            if (count > 0) taken.Add((key, count));
            // No request counts on a day two days gone anywhere: the entry can go.
            else if (key.Day < today.AddDays(-2)) counts.TryRemove(key, out _);
        }
        return taken;
    }
}
