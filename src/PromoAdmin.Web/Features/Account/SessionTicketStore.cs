using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using PromoAdmin.Domain.Users;

namespace PromoAdmin.Web.Features.Account;

/// <summary>
/// Keeps sign-in tickets in the database (<see cref="UserSession"/>): the cookie carries only the session id, so a
/// signed-out session is refused everywhere at once. One indexed read per signed-in page request.
/// </summary>
public sealed class SessionTicketStore(IServiceScopeFactory scopes) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        return await scope.ServiceProvider.GetRequiredService<UserSessionService>()
            .CreateAsync(userId, TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc);
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserSessionService>()
            .RenewAsync(key, TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc);
    }

    /// <summary>The claim naming the session a request came with (so that a password change can keep it and end the others).</summary>
    public const string SessionClaim = "promoadmin:session";

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var bytes = await scope.ServiceProvider.GetRequiredService<UserSessionService>().FindAsync(key);
        if (bytes is null) return null;
        var ticket = TicketSerializer.Default.Deserialize(bytes);
        if (ticket?.Principal.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SessionClaim))
            identity.AddClaim(new Claim(SessionClaim, key));
        return ticket;
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserSessionService>().RemoveAsync(key);
    }

}
