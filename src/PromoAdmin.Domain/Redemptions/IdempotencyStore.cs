using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Redemptions;

public abstract record IdempotencyClaim
{
    /// <summary>This request owns the key until <paramref name="LeaseUntil"/>: do the work, recording the answer with it.</summary>
    public sealed record Owned(long RecordId, DateTimeOffset LeaseUntil) : IdempotencyClaim;
    /// <summary>The key was used before with this body: answer what was answered then.</summary>
    public sealed record Replay(int StatusCode, string ResponseJson) : IdempotencyClaim;
    /// <summary>The key was used before with another body.</summary>
    public sealed record Mismatch : IdempotencyClaim;
    /// <summary>Another request with this key is still running: try again after <paramref name="RetryAfter"/>.</summary>
    public sealed record InProgress(TimeSpan RetryAfter) : IdempotencyClaim;
}

/// <summary>
/// Idempotency-Key records in the database, so that every app instance sees them (Stripe's contract, docs/errors.md):
/// the first request with a key claims it through a unique index and a lease; a retry while it runs gets
/// <see cref="IdempotencyClaim.InProgress"/>; a retry after the lease ran out (the owner died) takes the key over; the
/// answer is written in the same transaction as the work it describes, so the work happens exactly once.
/// </summary>
public sealed class IdempotencyStore(PromoAdminDbContext db, TimeProvider clock)
{
    /// <summary>How long an owner may work before a retry may take its key over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    public static string Hash(ReadOnlySpan<byte> body) => Convert.ToHexString(SHA256.HashData(body));

    public async Task<IdempotencyClaim> ClaimAsync(int apiClientId, string key, string requestHash, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var record = new IdempotencyRecord
            {
                ApiClientId = apiClientId, Key = key, RequestHash = requestHash, CreatedAt = now, LeaseUntil = now + Lease,
            };
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
                return new IdempotencyClaim.Owned(record.Id, record.LeaseUntil);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                db.Entry(record).State = EntityState.Detached; // the key is taken: see by whom
            }
            var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.ApiClientId == apiClientId && r.Key == key, ct);
            if (existing is null)
            {
                if (attempt < 3) continue; // its owner failed and let go in between
                return new IdempotencyClaim.InProgress(TimeSpan.FromSeconds(1));
            }
            if (existing.RequestHash != requestHash) return new IdempotencyClaim.Mismatch();
            if (existing.StatusCode != 0) return new IdempotencyClaim.Replay(existing.StatusCode, existing.ResponseJson ?? "{}");
            if (existing.LeaseUntil > now) return new IdempotencyClaim.InProgress(existing.LeaseUntil - now);
            // The owner's lease ran out (its process died, or it hung): take the key over, fenced on the lease it had.
            var lease = now + Lease;
            var taken = await db.IdempotencyRecords
                .Where(r => r.Id == existing.Id && r.StatusCode == 0 && r.LeaseUntil == existing.LeaseUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, lease), ct);
            if (taken == 1) return new IdempotencyClaim.Owned(existing.Id, lease);
            if (attempt >= 3) return new IdempotencyClaim.InProgress(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// Records the answer, if this request still owns the key; call it inside the transaction of the work, so that the
    /// work and its answer commit together. False: the key was taken over, roll the work back.
    /// </summary>
    public async Task<bool> CompleteAsync(IdempotencyClaim.Owned owned, int statusCode, string responseJson, CancellationToken ct) =>
        await db.IdempotencyRecords.Where(r => r.Id == owned.RecordId && r.StatusCode == 0 && r.LeaseUntil == owned.LeaseUntil)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.ResponseJson, responseJson), ct) == 1;

    /// <summary>The owner failed without an answer (an error, or its client went away): free the key so that a retry can do the work.</summary>
    public Task ReleaseAsync(IdempotencyClaim.Owned owned) =>
        db.IdempotencyRecords.Where(r => r.Id == owned.RecordId && r.StatusCode == 0 && r.LeaseUntil == owned.LeaseUntil)
            .ExecuteDeleteAsync(CancellationToken.None);
}
