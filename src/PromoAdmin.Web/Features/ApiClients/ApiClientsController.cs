using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Common;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.ApiClients;

public sealed class ApiClientForm
{
    public string? Name { get; set; }
    public List<string> Scopes { get; set; } = [];
}

public sealed record ApiClientsModel(List<ApiClient> Clients, ApiClientForm Form);

/// <summary>The page a create redirects to; Key is null once it has been shown.</summary>
public sealed record ApiClientCreatedModel(ApiClient Client, string? Key);

[Route("api-clients"), Authorize(Policy = Policies.Administer)]
public sealed class ApiClientsController(ApiClientService clients) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new ApiClientsModel(await clients.ListAsync(ct), new ApiClientForm { Scopes = [ApiScopes.Checkout] }));

    [HttpPost("")]
    public async Task<IActionResult> Create(ApiClientForm form, CancellationToken ct)
    {
        try
        {
            var created = await clients.CreateAsync(form.Name, form.Scopes, ct);
            // Post/redirect/get: a refresh must not create a second client. The key rides in TempData (an encrypted cookie,
            // read once), never in the URL, and is never stored in clear.
            TempData[NewKeyOf(created.Client.Id)] = created.Key;
            return RedirectToAction(nameof(Created), new { id = created.Client.Id });
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View("Index", new ApiClientsModel(await clients.ListAsync(ct), form));
        }
    }

    /// <summary>Shows the new key on the first visit only; reading TempData removes it, so a refresh says it is gone.</summary>
    [HttpGet("{id:int}/created")]
    public async Task<IActionResult> Created(int id, CancellationToken ct)
    {
        var client = await clients.FindAsync(id, ct);
        if (client is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return View(new ApiClientCreatedModel(client, TempData[NewKeyOf(id)] as string));
    }

    private static string NewKeyOf(int id) => $"ApiClientKey:{id}";

    [HttpPost("{id:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, CancellationToken ct)
    {
        await clients.RevokeAsync(id, ct);
        TempData["Success"] = "The API client was revoked. Its key stops working within 30 seconds on every app instance.";
        return RedirectToAction(nameof(Index));
    }
}
