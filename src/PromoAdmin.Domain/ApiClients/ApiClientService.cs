using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.ApiClients;

/// <summary>What an authenticated request knows of its client.</summary>
public sealed record ApiClientIdentity(int Id, string Name, string[] Scopes);

public sealed record CreatedApiClient(ApiClient Client, string Key);

public sealed class ApiClientService(PromoAdminDbContext db, IMemoryCache cache, AuditLog audit, TimeProvider clock)
{
    private const int PrefixLength = 8;
    // Other app instances see a revocation within this time; this instance at once.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string PrefixOf(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];

    /// <summary>A new key: 32 random bytes, URL-safe, prefixed so that leaked keys are easy to recognise.</summary>
    public static string NewKey() =>
        "pa_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public Task<List<ApiClient>> ListAsync(CancellationToken ct = default) =>
        db.ApiClients.AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name).ToListAsync(ct);

    public Task<ApiClient?> FindAsync(int id, CancellationToken ct = default) =>
        db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<CreatedApiClient> CreateAsync(string? name, IEnumerable<string> scopes, CancellationToken ct = default)
    {
        var given = scopes.ToList();
        var scopeList = given.Where(ApiScopes.All.Contains).Distinct().ToArray();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name)) errors["name"] = ["Name is required."];
        else if (name.Length > 200) errors["name"] = ["Name must be 200 characters or fewer."];
        if (given.Any(s => !ApiScopes.All.Contains(s))) errors["scopes"] = ["Scopes are checkout and admin."];
        else if (scopeList.Length == 0) errors["scopes"] = ["Pick at least one scope."];
        if (errors.Count > 0) throw new DomainValidationException(errors);

        var key = NewKey();
        var client = new ApiClient
        {
            Name = name!.Trim(), KeyPrefix = PrefixOf(key), KeyHash = Hash(key),
            Scopes = string.Join(' ', scopeList), CreatedAt = clock.GetUtcNow(),
        };
        await audit.SaveNewAsync(async token =>
        {
            client.Id = 0;
            db.ApiClients.Add(client);
            await db.SaveChangesAsync(token);
            return client;
        }, c => audit.Record(AuditEntities.ApiClient, c.Id, c.Name, AuditActions.Create,
            changes: [new AuditChange("scopes", null, c.Scopes), new AuditChange("keyPrefix", null, c.KeyPrefix)]), ct);
        return new CreatedApiClient(client, key);
    }

    public async Task RevokeAsync(int id, CancellationToken ct = default)
    {
        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException($"API client {id} not found.");
        if (client.RevokedAt is null)
        {
            client.RevokedAt = clock.GetUtcNow();
            audit.Record(AuditEntities.ApiClient, client.Id, client.Name, AuditActions.Revoke, changes: audit.TrackedChanges(client));
        }
        await db.SaveChangesAsync(ct);
        cache.Remove(CacheKey(client.KeyPrefix));
    }

    /// <summary>Ensures a client with both scopes and exactly this key (configuration's Bootstrap:ApiKey).</summary>
    public async Task EnsureBootstrapClientAsync(string key, CancellationToken ct = default)
    {
        var hash = Hash(key);
        var existing = await db.ApiClients.FirstOrDefaultAsync(c => c.KeyHash == hash, ct);
        var scopes = string.Join(' ', ApiScopes.All);
        if (existing is null)
        {
            var client = new ApiClient { Name = "Bootstrap", KeyPrefix = PrefixOf(key), KeyHash = hash, Scopes = scopes, CreatedAt = clock.GetUtcNow() };
            db.ApiClients.Add(client);
            await db.SaveChangesAsync(ct);
            audit.Record(AuditEntities.ApiClient, client.Id, client.Name, AuditActions.Create, changes: [new AuditChange("scopes", null, scopes)]);
        }
        else
        {
            // Configuration wins over a revocation or a narrowed scope; the trail says so (the actor is "system").
            existing.Scopes = scopes;
            existing.RevokedAt = null;
            if (audit.TrackedChanges(existing) is { Count: > 0 } changes)
                audit.Record(AuditEntities.ApiClient, existing.Id, existing.Name, AuditActions.Update, changes: changes);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Finds the live client for a presented key; the hashes are compared in constant time.</summary>
    public async Task<ApiClientIdentity?> AuthenticateAsync(string presentedKey, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(presentedKey) || presentedKey.Length > 200) return null;
        var prefix = PrefixOf(presentedKey);
        var candidates = await cache.GetOrCreateAsync(CacheKey(prefix), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await db.ApiClients.AsNoTracking()
                .Where(c => c.KeyPrefix == prefix && c.RevokedAt == null)
                .Select(c => new { c.Id, c.Name, c.KeyHash, c.Scopes })
                .ToListAsync(ct);
        });
        var presented = Convert.FromHexString(Hash(presentedKey));
        foreach (var c in candidates!)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(c.KeyHash)))
                return new ApiClientIdentity(c.Id, c.Name, c.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        return null;
    }

    private static string CacheKey(string prefix) => "api-client:" + prefix;
}
