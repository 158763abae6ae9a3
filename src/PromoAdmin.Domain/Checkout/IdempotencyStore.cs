using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Redemptions;

namespace PromoAdmin.Domain.Checkout;

public abstract record IdempotencyClaim
{
    /// <summary>This request owns the key: do the work, then <see cref="IdempotencyStore.CompleteAsync"/>.</summary>
    public sealed record Owned(long RecordId) : IdempotencyClaim;
    /// <summary>The key was used before with this body: answer what was answered then.</summary>
    public sealed record Replay(int StatusCode, string ResponseJson) : IdempotencyClaim;
    /// <summary>The key was used before with another body.</summary>
    public sealed record Mismatch : IdempotencyClaim;
}

/// <summary>
/// Idempotency-Key records in the database (so every app instance sees them): the first request with a key claims it
/// through a unique index; retries and parallel duplicates wait for its answer and replay it.
/// </summary>
public sealed class IdempotencyStore(PromoAdminDbContext db, TimeProvider clock)
{
    private static readonly TimeSpan WaitForOwner = TimeSpan.FromSeconds(30);

    public static string Hash(ReadOnlySpan<byte> body) => Convert.ToHexString(SHA256.HashData(body));

    public async Task<IdempotencyClaim> ClaimAsync(int apiClientId, string key, string requestHash, CancellationToken ct)
    {
        var record = new IdempotencyRecord { ApiClientId = apiClientId, Key = key, RequestHash = requestHash, CreatedAt = clock.GetUtcNow() };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return new IdempotencyClaim.Owned(record.Id);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.Entry(record).State = EntityState.Detached;
        }
        var deadline = clock.GetUtcNow() + WaitForOwner;
        while (true)
        {
            var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.ApiClientId == apiClientId && r.Key == key, ct);
            if (existing is null) return await ClaimAsync(apiClientId, key, requestHash, ct); // the owner failed and let go
            if (existing.RequestHash != requestHash) return new IdempotencyClaim.Mismatch();
            if (existing.StatusCode != 0) return new IdempotencyClaim.Replay(existing.StatusCode, existing.ResponseJson ?? "{}");
            if (clock.GetUtcNow() > deadline) throw new TimeoutException("The first request with this Idempotency-Key has not finished.");
            await Task.Delay(25, ct);
        }
    }

    public Task CompleteAsync(long recordId, int statusCode, string responseJson, CancellationToken ct) =>
        db.IdempotencyRecords.Where(r => r.Id == recordId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.ResponseJson, responseJson), ct);

    /// <summary>The owner failed without an answer: free the key so that a retry can do the work.</summary>
    public Task ReleaseAsync(long recordId) =>
        db.IdempotencyRecords.Where(r => r.Id == recordId && r.StatusCode == 0).ExecuteDeleteAsync(CancellationToken.None);
}
