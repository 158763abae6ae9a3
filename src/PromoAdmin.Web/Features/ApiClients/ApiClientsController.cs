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

public sealed record ApiClientsModel(List<ApiClient> Clients, ApiClientForm Form, string? NewKey, string? NewKeyName);

[Route("api-clients"), Authorize(Policy = Policies.Administer)]
public sealed class ApiClientsController(ApiClientService clients) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new ApiClientsModel(await clients.ListAsync(ct), new ApiClientForm { Scopes = [ApiScopes.Checkout] }, null, null));

    [HttpPost("")]
    public async Task<IActionResult> Create(ApiClientForm form, CancellationToken ct)
    {
        try
        {
            var created = await clients.CreateAsync(form.Name, form.Scopes, ct);
            // The key is shown once, on this response only; it is never stored in clear.
            Response.Headers.CacheControl = "no-store";
            return View("Index", new ApiClientsModel(await clients.ListAsync(ct), new ApiClientForm(), created.Key, created.Client.Name));
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View("Index", new ApiClientsModel(await clients.ListAsync(ct), form, null, null));
        }
    }

    [HttpPost("{id:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, CancellationToken ct)
    {
        await clients.RevokeAsync(id, ct);
        TempData["Success"] = "The API client was revoked. Its key stops working within 30 seconds on every app instance.";
        return RedirectToAction(nameof(Index));
    }
}
