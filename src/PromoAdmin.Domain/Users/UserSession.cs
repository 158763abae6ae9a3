using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Users;

/// <summary>
/// A signed-in browser session, kept on the server: the sign-in cookie holds only its random id, so signing out (or
/// an admin ending a user's sessions) stops a copied cookie at once, on every app instance.
/// </summary>
public class UserSession
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    /// <summary>The serialized authentication ticket (claims and expiry) the cookie stands for.</summary>
    public required byte[] Ticket { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.Property(x => x.Id).HasMaxLength(64);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => x.UserId);
        b.HasIndex(x => x.ExpiresAt);
    }
}

/// <summary>Sessions by id: created at sign-in, read on every signed-in request, removed at sign-out.</summary>
public sealed class UserSessionService(PromoAdminDbContext db, TimeProvider clock)
{
    public async Task<string> CreateAsync(string userId, byte[] ticket, DateTimeOffset? expiresAt, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // Expired sessions go when someone signs in: rare, and the index on ExpiresAt makes it cheap.
        await db.UserSessions.Where(s => s.ExpiresAt != null && s.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.UserSessions.Add(new UserSession { Id = id, UserId = userId, Ticket = ticket, CreatedAt = now, ExpiresAt = expiresAt });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return id;
    }

    public async Task<byte[]?> FindAsync(string id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // A deactivated user's session is refused here too: deactivation deletes the sessions, and this also covers a
        // sign-in that was already past its checks when the user was deactivated.
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == id && (s.ExpiresAt == null || s.ExpiresAt > now) && db.Users.Any(u => u.Id == s.UserId && u.IsActive))
            .Select(s => s.Ticket).FirstOrDefaultAsync(ct);
    }

    public Task RenewAsync(string id, byte[] ticket, DateTimeOffset? expiresAt, CancellationToken ct = default) =>
        db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, ticket).SetProperty(x => x.ExpiresAt, expiresAt), ct);

    public Task RemoveAsync(string id, CancellationToken ct = default) =>
        db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(ct);

    /// <summary>Ends every session of a user (deactivation, password reset).</summary>
    public Task<int> RemoveAllAsync(string userId, CancellationToken ct = default) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
}
